// Token bucket shared by every connection it governs. Connections "borrow": a chunk that has
// already arrived is always accepted and the bucket goes into debt; the caller then waits until
// the debt is repaid. That keeps chunk sizes decoupled from the rate and never drops data.

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => performance.now() };

interface Waiter {
  timer: NodeJS.Timeout;
  resolve: () => void;
}

export class TokenBucket {
  private rate: number | null;
  private tokens = 0;
  private last: number;
  private readonly waiters = new Set<Waiter>();

  constructor(
    rate: number | null,
    private readonly clock: Clock = systemClock,
    /** Burst allowance after idle time, in seconds of rate. */
    private readonly burstSeconds = 0.25,
  ) {
    this.rate = normalize(rate);
    this.last = clock.now();
  }

  get limit(): number | null {
    return this.rate;
  }

  /** Changing the rate releases current waiters so a raised limit takes effect at once. */
  setRate(rate: number | null): void {
    this.refill();
    this.rate = normalize(rate);
    if (this.tokens < 0) this.tokens = 0; // the released waiters' debt is forgiven
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve();
    }
    this.waiters.clear();
  }

  /** Accounts for `n` bytes and resolves when the caller may continue. */
  take(n: number): Promise<void> {
    return this.charge(n) ?? Promise.resolve();
  }

  /** Like take(), but null when no wait is needed: no promise per chunk on the fast path. */
  charge(n: number): Promise<void> | null {
    if (this.rate === null) return null;
    this.refill();
    this.tokens -= n;
    if (this.tokens >= 0) return null;
    const waitMs = (-this.tokens / this.rate) * 1000;
    return new Promise<void>((resolve) => {
      const waiter: Waiter = {
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve();
        }, Math.ceil(waitMs)),
        resolve,
      };
      this.waiters.add(waiter);
    });
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    if (this.rate === null) return;
    this.tokens = Math.min(this.tokens + elapsed * this.rate, this.rate * this.burstSeconds);
  }
}

function normalize(rate: number | null): number | null {
  return rate === null || !Number.isFinite(rate) || rate <= 0 ? null : rate;
}

/**
 * Charges every bucket (job and global) at once and waits for the slowest. Waiting on them one
 * after the other would let the second refill only up to its burst cap meanwhile, so a large
 * chunk would pay part of its cost twice and the download would run below both limits.
 */
export function throttle(buckets: readonly TokenBucket[], n: number): Promise<void> | null {
  let waits: Promise<void>[] | null = null;
  for (const b of buckets) {
    const w = b.charge(n);
    if (w) (waits ??= []).push(w);
  }
  if (waits === null) return null;
  return waits.length === 1 ? waits[0]! : Promise.all(waits).then(() => undefined);
}
