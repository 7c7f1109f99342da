// Streamed checksum verification of one download. The pool's worker hashes the part file's
// contiguous written prefix while the download runs, so when the last byte lands only the
// remainder is left. Bytes count only once their write has completed (never `reserved`).
import { HaulError } from '../../../shared/errors';
import type { ChecksumResult, ExpectedChecksum, StageProgress } from '../../../shared/models/job';
import type { LiveSegment } from './segment-table';

export interface StreamingHash {
  readonly hashed: number;
  advance(upTo: number): void;
  whenHashed(upTo: number): Promise<void> | null;
  finish(size: number): Promise<string>;
  cancel(): void;
}

export type OpenStreamingHash = (path: string, algo: ExpectedChecksum['algo']) => StreamingHash;

/** End of the run of written bytes that starts at 0. */
export function contiguousWritten(segments: readonly LiveSegment[]): number {
  let prefix = 0;
  for (const s of segments) {
    if (s.start > prefix) break;
    prefix = Math.max(prefix, s.written);
    if (s.end === null || s.written < s.end) break;
  }
  return prefix;
}

/**
 * How far the written prefix may run ahead of the hash. On a busy 2-core machine the worker fell
 * behind by up to 300 MiB on 1 GiB, all of it left to hash after the last byte (a third of a
 * second). Holding the download back once the lead passes `max` bounds that to ~70 ms; it never
 * triggers while the worker keeps up, and cost ~3% of the total when the CPU was the limit
 * (a smaller lead cost more: the download then waits in bursts while a core idles).
 */
export interface LeadLimit {
  max: number;
  /** Held downloads go on once the hash is this close again (not at once: no stop-and-go per chunk). */
  resume: number;
  /** Never hold longer than this in one go: a worker busy with an extraction must not stall a download. */
  maxHoldMs: number;
}
const MiB = 1024 * 1024;
export const DEFAULT_LEAD: LeadLimit = { max: 96 * MiB, resume: 80 * MiB, maxHoldMs: 500 };

export class Verification {
  private session: StreamingHash | null;
  private advanced = 0;
  private holding: Promise<void> | null = null;
  /** The session hashing what is left once every byte is in, and the file's size. */
  private finishing: { session: StreamingHash; size: number } | null = null;

  constructor(
    readonly expected: ExpectedChecksum,
    open: OpenStreamingHash | null,
    path: string,
    private readonly lead: LeadLimit = DEFAULT_LEAD,
  ) {
    if (!open) throw new HaulError('HAUL_E_INTERNAL', 'Checksum verification needs the process pool, which this engine was started without.');
    this.session = open(path, expected.algo);
  }

  /** Called as writes land; cheap, and the session merges the messages. */
  progress(segments: readonly LiveSegment[]): void {
    const upTo = contiguousWritten(segments);
    if (upTo > this.advanced && this.session) {
      this.advanced = upTo;
      this.session.advance(upTo);
    }
  }

  /** A promise while the download should wait for the hash to catch up; null to go on. */
  gate(): Promise<void> | null {
    if (this.holding || !this.session || this.advanced - this.session.hashed <= this.lead.max) return this.holding;
    const caughtUp = this.session.whenHashed(this.advanced - this.lead.resume);
    if (!caughtUp) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.lead.maxHoldMs)));
    this.holding = Promise.race([caughtUp, timeout]).finally(() => {
      clearTimeout(timer);
      this.holding = null;
    });
    return this.holding;
  }

  /** How far the hash of the whole file is, once finish() was called (the verify stage). */
  stage(): StageProgress | null {
    const f = this.finishing;
    return f && { done: Math.min(f.session.hashed, f.size), total: f.size };
  }

  /** Hashes what is left and compares. */
  async finish(size: number): Promise<ChecksumResult> {
    const session = this.session!;
    this.session = null;
    this.finishing = { session, size };
    const hex = (await session.finish(size)).toLowerCase();
    return { algo: this.expected.algo, hex, ok: hex === this.expected.hex.toLowerCase() };
  }

  cancel(): void {
    this.session?.cancel();
    this.session = null;
  }
}

export function mismatchError(result: ChecksumResult, expected: ExpectedChecksum, partPath: string): HaulError {
  return new HaulError(
    'HAUL_E_CHECKSUM_MISMATCH',
    `Checksum mismatch (${expected.algo}): expected ${expected.hex.toLowerCase()}, got ${result.hex}. The download was kept as ${partPath}.`,
  );
}
