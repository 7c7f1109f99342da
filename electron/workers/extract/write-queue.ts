// Keeps whole small-file writes in flight while the reader inflates the next entries, bounded in
// count and in bytes held. Entries meeting on one path still happen in archive order (settle).
// The first failure is kept and thrown to the producer; once idle() resolves nothing is still
// writing, so the output folder can be removed safely after a failure.

import { pathKey } from './safe-path';

export const MAX_IN_FLIGHT = 32;
export const MAX_PENDING_BYTES = 32 * 1024 ** 2;

export class WriteQueue {
  /** Path key → the write there, which never rejects (failures are kept in `failure`). */
  private readonly jobs = new Map<string, Promise<void>>();
  private bytes = 0;
  private failed = false;
  private failure: unknown = null;

  constructor(
    private readonly maxInFlight = MAX_IN_FLIGHT,
    private readonly maxBytes = MAX_PENDING_BYTES,
  ) {}

  /** Throws the first failure of any write started so far. */
  throwIfFailed(): void {
    if (this.failed) throw this.failure;
  }

  /**
   * Waits until no write is in flight at `parts` or at any folder above it, so entries that meet
   * on one path (a duplicate, a file then a folder of the same name) still happen in archive order.
   */
  async settle(parts: readonly string[]): Promise<void> {
    if (this.jobs.size === 0) return;
    for (let i = 1; i <= parts.length; i++) {
      if (this.jobs.has(pathKey(parts.slice(0, i)))) {
        await this.drain();
        return;
      }
    }
  }

  /** Starts `write` for the file at `parts` once there is room. */
  async add(parts: readonly string[], bytes: number, write: () => Promise<void>): Promise<void> {
    await this.settle(parts);
    while (this.jobs.size > 0 && (this.jobs.size >= this.maxInFlight || this.bytes + bytes > this.maxBytes)) {
      await Promise.race(this.jobs.values());
    }
    this.throwIfFailed();
    const key = pathKey(parts);
    this.bytes += bytes;
    const done = write()
      .catch((err: unknown) => {
        if (!this.failed) {
          this.failed = true;
          this.failure = err;
        }
      })
      .then(() => {
        this.jobs.delete(key);
        this.bytes -= bytes;
      });
    this.jobs.set(key, done);
  }

  /** Waits for every write in flight, then throws the first failure, if any. */
  async drain(): Promise<void> {
    await this.idle();
    this.throwIfFailed();
  }

  /** Waits for every write in flight; never throws (the failure path, before cleaning up). */
  async idle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.all(this.jobs.values());
  }
}
