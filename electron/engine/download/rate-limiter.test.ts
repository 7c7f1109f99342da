import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenBucket, throttle, type Clock } from './rate-limiter';

const KiB = 1024;

// Fake timers move Date.now() and setTimeout together, so the bucket's clock and its waits agree.
const fakeClock: Clock = { now: () => Date.now() };

/** A promise plus a flag telling whether it has settled yet. */
function watch(p: Promise<void>): { readonly done: boolean } {
  const state = { done: false };
  void p.then(() => {
    state.done = true;
  });
  return state;
}

describe('TokenBucket (fake time)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts a chunk at once, then makes the caller wait until the debt is repaid', async () => {
    const bucket = new TokenBucket(1000, fakeClock);
    const first = watch(bucket.take(500)); // 500 bytes at 1000 B/s: 500 ms of debt
    await vi.advanceTimersByTimeAsync(499);
    expect(first.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.done).toBe(true);
  });

  it('queues the debt of concurrent callers one after the other', async () => {
    const bucket = new TokenBucket(1000, fakeClock);
    const a = watch(bucket.take(300));
    const b = watch(bucket.take(300));
    await vi.advanceTimersByTimeAsync(300);
    expect([a.done, b.done]).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(300);
    expect(b.done).toBe(true);
  });

  it('lets a short burst through after idle time, but no more than burstSeconds of rate', async () => {
    const bucket = new TokenBucket(1000, fakeClock, 0.25);
    await vi.advanceTimersByTimeAsync(10_000); // idle: the allowance caps at 250 bytes, not 10 s worth
    await expect(bucket.take(250)).resolves.toBeUndefined();
    const over = watch(bucket.take(100));
    await vi.advanceTimersByTimeAsync(99);
    expect(over.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(over.done).toBe(true);
  });

  it('over 10 s of steady demand lets through the configured rate', async () => {
    const rate = 64 * KiB;
    const bucket = new TokenBucket(rate, fakeClock);
    const start = Date.now();
    let bytes = 0;
    const pump = (async () => {
      while (Date.now() - start < 10_000) {
        await bucket.take(16 * KiB);
        bytes += 16 * KiB;
      }
      return Date.now();
    })();
    await vi.advanceTimersByTimeAsync(10_500);
    const end = await pump;
    const perSecond = bytes / ((end - start) / 1000);
    expect(perSecond / rate).toBeGreaterThan(0.97);
    expect(perSecond / rate).toBeLessThan(1.03);
  });

  it('treats null, 0, negative, NaN and Infinity as unlimited', async () => {
    for (const rate of [null, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const bucket = new TokenBucket(rate, fakeClock);
      expect(bucket.limit).toBeNull();
      // Resolves without any time passing.
      const p = watch(bucket.take(10 ** 12));
      await Promise.resolve();
      expect(p.done).toBe(true);
    }
  });

  it('setRate releases current waiters at once and forgives their debt', async () => {
    const bucket = new TokenBucket(100, fakeClock);
    const waiter = watch(bucket.take(10_000)); // 100 s at 100 B/s
    await vi.advanceTimersByTimeAsync(1000);
    expect(waiter.done).toBe(false);

    bucket.setRate(1_000_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(waiter.done).toBe(true);
    expect(bucket.limit).toBe(1_000_000);

    // The old debt is gone: the next chunk waits only for itself (1000 B at 1 MB/s = 1 ms).
    const next = watch(bucket.take(1000));
    await vi.advanceTimersByTimeAsync(1);
    expect(next.done).toBe(true);
  });

  it('setRate(null) lifts the limit for waiters and later chunks', async () => {
    const bucket = new TokenBucket(10, fakeClock);
    const waiter = watch(bucket.take(1000));
    bucket.setRate(null);
    await vi.advanceTimersByTimeAsync(0);
    expect(waiter.done).toBe(true);
    const later = watch(bucket.take(10 ** 9));
    await vi.advanceTimersByTimeAsync(0);
    expect(later.done).toBe(true);
  });

  it('throttle waits on every bucket: the slower one decides', async () => {
    const job = new TokenBucket(1000, fakeClock);
    const global = new TokenBucket(500, fakeClock);
    const p = watch(throttle([job, global], 500)!);
    // The job bucket alone would allow it after 500 ms; the global one (500 B/s) needs a full second.
    await vi.advanceTimersByTimeAsync(900);
    expect(p.done).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(p.done).toBe(true);
  });

  it('throttle returns no promise at all when nothing has to wait (the per-chunk fast path)', () => {
    expect(throttle([], 1 << 20)).toBeNull();
    expect(throttle([new TokenBucket(null, fakeClock)], 1 << 20)).toBeNull();
  });

  // Regression: buckets waited on one after the other let the second refill only up to its burst
  // cap, so 64 KiB chunks under two 100 KiB/s limits got ~83 KiB/s.
  it('two buckets with the same limit still let that limit through with 64 KiB chunks', async () => {
    const rate = 100 * KiB;
    const job = new TokenBucket(rate, fakeClock);
    const global = new TokenBucket(rate, fakeClock);
    const start = Date.now();
    let bytes = 0;
    const pump = (async () => {
      while (Date.now() - start < 20_000) {
        await throttle([job, global], 64 * KiB);
        bytes += 64 * KiB;
      }
      return Date.now();
    })();
    await vi.advanceTimersByTimeAsync(21_000);
    const end = await pump;
    const perSecond = bytes / ((end - start) / 1000);
    expect(perSecond / rate).toBeGreaterThan(0.95);
  });
});

// How closely the real-time limit holds is measured by `npm run bench -- --only=limits`.
describe('TokenBucket (real time)', () => {
  it('runs on the system clock by default: a caller in debt waits for a timer, then goes on', async () => {
    const bucket = new TokenBucket(200 * KiB);
    const over = bucket.take(200 * KiB * 0.25 + 200 * KiB); // the burst allowance is 0.25 s of rate: 1 s of debt
    const state = watch(over);
    await new Promise((r) => setImmediate(r));
    expect(state.done).toBe(false);
    await over;
    // Real time refills it: after more than 0.25 s idle, a whole burst allowance goes at once.
    await new Promise((r) => setTimeout(r, 400));
    expect(bucket.charge(200 * KiB * 0.25)).toBeNull();
  });
});
