// Streamed verification, pool side. A session is pinned to one worker, which holds the Hash
// object. advance() calls coalesce: at most one advance is in flight, the next one carries only
// the latest offset, and small steps wait a little to be merged, so a download writing many
// small chunks costs the main loop a few messages, not one per chunk. If the pinned worker
// dies, the session falls back to a one-shot hash of the whole file on another worker.
import { HaulError } from '../../../shared/errors';
import type { ChecksumAlgo } from '../../../shared/models/job';
import type { FromWorker, HashFilePayload, HashFileResult } from '../../../shared/pool-protocol';
import { cancelledError } from './pool-task';
import { describeExit, type WorkerExit } from './spawner';
import type { WorkerSlot } from './worker-slot';

export interface HashSession {
  /** The worker holding the hash state; undefined after a fallback or before it started. */
  readonly workerPid: number | undefined;
  /** Bytes the worker has confirmed hashing (from offset 0). */
  readonly hashed: number;
  /** The file's bytes [0, upTo) are on disk and may be hashed. Cheap; call it as often as you like. */
  advance(upTo: number): void;
  /**
   * Resolves once the worker has hashed `upTo` bytes, or the session stops streaming (its worker
   * died, it ended): never hangs. Null when there is nothing to wait for.
   */
  whenHashed(upTo: number): Promise<void> | null;
  /** The file is complete at `size` bytes: resolves with the hex digest of all of it. */
  finish(size: number): Promise<string>;
  /** Stops hashing; a pending finish() rejects with HAUL_E_CANCELLED. */
  cancel(): void;
}

export interface SessionHost {
  /** The session no longer needs its worker. */
  released(session: PoolHashSession, slot: WorkerSlot): void;
  /** A one-shot hash that is not retried: the session's crash already used the retry. */
  hashOnce(payload: HashFilePayload, signal: AbortSignal): Promise<HashFileResult>;
}

type SessionMessage = Extract<FromWorker, { sid: number }>;

/** Steps smaller than this wait up to TRAILING_MS for more; what is left at finish() is hashed then. */
const MIN_STEP = 1024 * 1024;
const TRAILING_MS = 25;

interface Finishing {
  size: number;
  promise: Promise<string>;
  resolve(hex: string): void;
  reject(err: HaulError): void;
}

export class PoolHashSession implements HashSession {
  private slot: WorkerSlot | null;
  private state: 'pinned' | 'fallback' | 'done' = 'pinned';
  private target = 0;
  private sent = 0;
  private inFlight = false;
  private trailing: NodeJS.Timeout | null = null;
  private confirmed = 0;
  private finishing: Finishing | null = null;
  private failure: HaulError | null = null;
  private lostExit: WorkerExit | null = null;
  private readonly abort = new AbortController();
  private waiters: { upTo: number; resolve: () => void }[] = [];

  constructor(
    readonly sid: number,
    private readonly path: string,
    private readonly algo: ChecksumAlgo,
    slot: WorkerSlot,
    private readonly host: SessionHost,
  ) {
    this.slot = slot;
    slot.sessions.add(sid);
    slot.send({ type: 'session-open', sid, path, algo });
  }

  get workerPid(): number | undefined {
    return this.slot?.pid;
  }

  get hashed(): number {
    return this.confirmed;
  }

  advance(upTo: number): void {
    if (this.state !== 'pinned' || this.finishing || upTo <= this.target) return;
    this.target = upTo;
    this.sendAdvance();
  }

  whenHashed(upTo: number): Promise<void> | null {
    if (this.state !== 'pinned' || this.confirmed >= upTo) return null;
    return new Promise<void>((resolve) => this.waiters.push({ upTo, resolve }));
  }

  finish(size: number): Promise<string> {
    if (this.finishing) return this.finishing.promise;
    let resolve!: (hex: string) => void;
    let reject!: (err: HaulError) => void;
    const promise = new Promise<string>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.finishing = { size, promise, resolve, reject };
    this.clearTrailing(); // the finish message carries the rest
    if (this.failure) reject(this.failure);
    else if (this.state === 'done') reject(cancelledError('Hash session was cancelled'));
    else if (this.state === 'fallback') this.runFallback();
    else this.slot!.send({ type: 'session-finish', sid: this.sid, size });
    return promise;
  }

  cancel(): void {
    this.end(cancelledError('Hash session was cancelled'));
  }

  /** Ends the session with `err` (cancel, pool closing). */
  end(err: HaulError): void {
    if (this.state === 'done') return;
    this.slot?.send({ type: 'session-close', sid: this.sid });
    this.detach();
    this.state = 'done';
    this.abort.abort();
    this.fail(err);
  }

  handle(msg: SessionMessage): void {
    if (this.state !== 'pinned') return;
    if (msg.type === 'session-progress') {
      this.inFlight = false;
      this.confirmed = Math.max(this.confirmed, msg.hashed);
      this.wakeWaiters(false);
      this.sendAdvance();
      return;
    }
    this.detach();
    this.state = 'done';
    if (msg.type === 'session-result') {
      this.confirmed = msg.bytes;
      this.finishing?.resolve(msg.hex);
    } else {
      this.fail(new HaulError(msg.error.code, msg.error.message));
    }
  }

  /** The pinned worker died: the hash state died with it. */
  workerLost(exit: WorkerExit): void {
    if (this.state !== 'pinned') return;
    this.clearTrailing();
    this.slot = null; // the pool already dropped the slot
    this.state = 'fallback';
    this.wakeWaiters(true);
    this.lostExit = exit;
    if (this.finishing) this.runFallback();
  }

  private sendAdvance(force = false): void {
    if (this.inFlight || this.finishing || this.target <= this.sent || !this.slot) return;
    if (!force && this.target - this.sent < MIN_STEP) {
      this.trailing ??= setTimeout(() => {
        this.trailing = null;
        this.sendAdvance(true);
      }, TRAILING_MS);
      return;
    }
    this.clearTrailing();
    this.sent = this.target;
    this.inFlight = true;
    this.slot.send({ type: 'session-advance', sid: this.sid, upTo: this.target });
  }

  private runFallback(): void {
    const f = this.finishing!;
    this.host.hashOnce({ path: this.path, algo: this.algo, end: f.size }, this.abort.signal).then(
      (r) => {
        this.state = 'done';
        this.confirmed = r.bytes;
        f.resolve(r.hex);
      },
      (err: HaulError) => {
        this.state = 'done';
        const lost = this.lostExit ? describeExit(this.lostExit) : 'ended';
        f.reject(err.code === 'HAUL_E_WORKER_CRASHED' ? new HaulError(err.code, `The hashing worker ${lost}, and the full re-hash failed too: ${err.message}`) : err);
      },
    );
  }

  private fail(err: HaulError): void {
    if (this.finishing) this.finishing.reject(err);
    else this.failure = err; // reported by the finish() that comes later
  }

  private clearTrailing(): void {
    if (this.trailing) clearTimeout(this.trailing);
    this.trailing = null;
  }

  /** Wakes those waiting for bytes now hashed, or all of them once the session stops streaming. */
  private wakeWaiters(all: boolean): void {
    const ready = all ? this.waiters : this.waiters.filter((w) => w.upTo <= this.confirmed);
    if (ready.length === 0) return;
    this.waiters = all ? [] : this.waiters.filter((w) => w.upTo > this.confirmed);
    for (const w of ready) w.resolve();
  }

  private detach(): void {
    this.wakeWaiters(true);
    this.clearTrailing();
    const slot = this.slot;
    this.slot = null;
    if (slot) this.host.released(this, slot);
  }
}
