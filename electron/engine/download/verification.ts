// Streamed checksum verification of one download. The pool's worker hashes the part file's
// contiguous written prefix while the download runs, so when the last byte lands only the
// remainder is left. Bytes count only once their write has completed (never `reserved`).
import { HaulError } from '../../../shared/errors';
import type { ChecksumResult, ExpectedChecksum } from '../../../shared/models/job';
import type { LiveSegment } from './segment-table';

export interface StreamingHash {
  advance(upTo: number): void;
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

export class Verification {
  private session: StreamingHash | null;
  private advanced = 0;

  constructor(
    readonly expected: ExpectedChecksum,
    open: OpenStreamingHash | null,
    path: string,
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

  /** Hashes what is left and compares. */
  async finish(size: number): Promise<ChecksumResult> {
    const session = this.session!;
    this.session = null;
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
