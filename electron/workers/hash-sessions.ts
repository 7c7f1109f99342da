// Streamed verification, worker side. A session keeps one Hash object alive across messages
// (Hash state cannot move between processes) and feeds it the file's contiguous written prefix
// as the download grows it. Advances coalesce: the loop always reads up to the latest target.
import type { Hash } from 'node:crypto';
import { HaulError, toErrorInfo } from '../../shared/errors';
import type { ChecksumAlgo } from '../../shared/models/job';
import type { FromWorker } from '../../shared/pool-protocol';
import { hashInto, newHash } from './hash-task';

type Post = (message: FromWorker) => void;

/**
 * Progress is told every this many bytes within a long step, not only at its end: a download
 * held back until the hash catches up goes on as soon as it has, not after the whole step.
 */
const PROGRESS_EVERY = 8 * 1024 * 1024;

class WorkerHashSession {
  private readonly hash: Hash;
  private readonly abort = new AbortController();
  private hashed = 0;
  private target = 0;
  private finishSize: number | null = null;
  private running = false;
  private closed = false;

  constructor(
    private readonly sid: number,
    private readonly path: string,
    algo: ChecksumAlgo,
    private readonly post: Post,
    private readonly onClosed: () => void,
  ) {
    this.hash = newHash(algo);
  }

  advance(upTo: number): void {
    this.target = Math.max(this.target, upTo);
    // Always answer, even when there is nothing to do: the pool waits for this before sending more.
    if (!this.running && this.target <= this.hashed) this.post({ type: 'session-progress', sid: this.sid, hashed: this.hashed });
    else void this.pump();
  }

  finish(size: number): void {
    this.finishSize = size;
    this.target = Math.max(this.target, size);
    void this.pump();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.onClosed();
  }

  private async pump(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    try {
      while (!this.closed && this.hashed < this.target) {
        const want = this.target;
        const from = this.hashed;
        let told = from;
        const n = await hashInto(this.hash, this.path, from, want, {
          signal: this.abort.signal,
          onBytes: (bytes) => {
            if (from + bytes - told < PROGRESS_EVERY || from + bytes >= want) return;
            told = from + bytes;
            this.post({ type: 'session-progress', sid: this.sid, hashed: told });
          },
        });
        this.hashed += n;
        if (this.hashed < want) {
          throw new HaulError('HAUL_E_SHORT_BODY', `${this.path} has only ${this.hashed} bytes; the download reported ${want} written`);
        }
        this.post({ type: 'session-progress', sid: this.sid, hashed: this.hashed });
      }
      if (!this.closed && this.finishSize !== null) this.complete(this.finishSize);
    } catch (err) {
      if (!this.closed) this.fail(err);
    } finally {
      this.running = false;
    }
  }

  private complete(size: number): void {
    if (this.hashed !== size) {
      // An advance beyond the final size means the caller's bookkeeping is wrong; the digest would be too.
      this.fail(new HaulError('HAUL_E_INVALID_STATE', `Hashed ${this.hashed} bytes of ${this.path}, but its size is ${size}`));
      return;
    }
    this.post({ type: 'session-result', sid: this.sid, hex: this.hash.digest('hex'), bytes: this.hashed });
    this.close();
  }

  private fail(err: unknown): void {
    this.post({ type: 'session-error', sid: this.sid, error: toErrorInfo(err) });
    this.close();
  }
}

export class HashSessions {
  private readonly sessions = new Map<number, WorkerHashSession>();

  constructor(private readonly post: Post) {}

  open(sid: number, path: string, algo: ChecksumAlgo): void {
    try {
      this.sessions.set(sid, new WorkerHashSession(sid, path, algo, this.post, () => this.sessions.delete(sid)));
    } catch (err) {
      this.post({ type: 'session-error', sid, error: toErrorInfo(err) });
    }
  }

  advance(sid: number, upTo: number): void {
    this.sessions.get(sid)?.advance(upTo);
  }

  finish(sid: number, size: number): void {
    this.sessions.get(sid)?.finish(size);
  }

  close(sid: number): void {
    this.sessions.get(sid)?.close();
  }

  closeAll(): void {
    for (const s of [...this.sessions.values()]) s.close();
  }
}
