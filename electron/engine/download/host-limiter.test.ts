import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostLimiter, type HostSlot } from './host-limiter';

const HOST = 'files.example';

/** Settles pending promise callbacks so a grant (or its absence) is observable. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** A slot request plus whether (and with what) it has been answered yet. */
function request(limiter: HostLimiter, host = HOST, signal?: AbortSignal) {
  const state: { slot: HostSlot | null; error: unknown } = { slot: null, error: null };
  const promise = limiter.acquire(host, signal).then(
    (s) => {
      state.slot = s;
    },
    (e: unknown) => {
      state.error = e;
    },
  );
  return { state, promise };
}

/** A limiter on a hand-driven clock (starting well above 0, like Date.now). */
function manualLimiter(max: number, recoverAfterMs: number) {
  const clock = { t: 1_000_000 };
  return { clock, limiter: new HostLimiter(max, recoverAfterMs, () => clock.t) };
}

async function hold(limiter: HostLimiter, n: number, host = HOST): Promise<HostSlot[]> {
  const slots: HostSlot[] = [];
  for (let i = 0; i < n; i++) slots.push(await limiter.acquire(host));
  return slots;
}

describe('HostLimiter', () => {
  it('grants up to the ceiling and queues the rest in order', async () => {
    const limiter = new HostLimiter(2);
    const slots = await hold(limiter, 2);
    expect(limiter.hasFree(HOST)).toBe(false);
    const third = request(limiter);
    const fourth = request(limiter);
    await flush();
    expect([third.state.slot, fourth.state.slot]).toEqual([null, null]);
    expect(limiter.active(HOST)).toBe(2);

    slots[0]!.release();
    await flush();
    expect(third.state.slot).not.toBeNull();
    expect(fourth.state.slot).toBeNull();
    expect(limiter.active(HOST)).toBe(2);
  });

  it('keeps hosts independent', async () => {
    const limiter = new HostLimiter(1);
    await hold(limiter, 1, 'a.example');
    expect(limiter.hasFree('b.example')).toBe(true);
    await expect(limiter.acquire('b.example')).resolves.toBeDefined();
    expect(limiter.active('a.example')).toBe(1);
    expect(limiter.active('b.example')).toBe(1);
  });

  it('a slot released twice frees only one place', async () => {
    const limiter = new HostLimiter(1);
    const [slot] = await hold(limiter, 1);
    const waiting = [request(limiter), request(limiter)];
    slot!.release();
    slot!.release();
    await flush();
    expect(waiting.filter((w) => w.state.slot !== null)).toHaveLength(1);
    expect(limiter.active(HOST)).toBe(1);
  });

  it('an abort while waiting rejects with the reason and gives up the place in line', async () => {
    const limiter = new HostLimiter(1);
    const [slot] = await hold(limiter, 1);
    const ac = new AbortController();
    const aborted = request(limiter, HOST, ac.signal);
    const next = request(limiter);
    const reason = new Error('job paused');
    ac.abort(reason);
    await aborted.promise;
    expect(aborted.state.error).toBe(reason);

    slot!.release();
    await flush();
    expect(next.state.slot).not.toBeNull(); // the aborted request did not take the slot
    expect(limiter.active(HOST)).toBe(1);
  });

  it('rejects at once for an already aborted signal', async () => {
    const limiter = new HostLimiter(4);
    const reason = new Error('stopped');
    await expect(limiter.acquire(HOST, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(limiter.active(HOST)).toBe(0);
  });

  it('throttled() lowers the ceiling below the connections in use', async () => {
    const limiter = new HostLimiter(8);
    const slots = await hold(limiter, 5);
    limiter.throttled(HOST);
    expect(limiter.ceiling(HOST)).toBe(4);
    // Running connections keep going, but no new one starts until below the ceiling.
    const extra = request(limiter);
    slots[0]!.release();
    await flush();
    expect(extra.state.slot).toBeNull();
    slots[1]!.release();
    await flush();
    expect(extra.state.slot).not.toBeNull();
  });

  it('throttled() never goes below one connection', async () => {
    const limiter = new HostLimiter(8);
    await hold(limiter, 1);
    limiter.throttled(HOST);
    limiter.throttled(HOST);
    expect(limiter.ceiling(HOST)).toBe(1);
    expect(limiter.hasFree(HOST)).toBe(false);
  });

  it('recovers one connection per quiet period, up to the maximum', async () => {
    const { clock, limiter } = manualLimiter(4, 30_000);
    const slots = await hold(limiter, 2);
    limiter.throttled(HOST);
    expect(limiter.ceiling(HOST)).toBe(1);
    for (const s of slots) s.release();

    clock.t += 29_999;
    limiter.hasFree(HOST);
    expect(limiter.ceiling(HOST)).toBe(1);

    clock.t += 1;
    limiter.hasFree(HOST);
    expect(limiter.ceiling(HOST)).toBe(2);

    // A long silence still recovers one step at a time.
    clock.t += 10 * 30_000;
    limiter.hasFree(HOST);
    expect(limiter.ceiling(HOST)).toBe(3);
    clock.t += 30_000;
    await hold(limiter, 1); // acquire also looks at the clock
    expect(limiter.ceiling(HOST)).toBe(4);
    clock.t += 10 * 30_000;
    limiter.hasFree(HOST);
    expect(limiter.ceiling(HOST)).toBe(4);
  });

  it('a new 429 during recovery restarts the quiet period', async () => {
    const { clock, limiter } = manualLimiter(4, 1000);
    const slots = await hold(limiter, 3);
    limiter.throttled(HOST); // 2
    clock.t += 900;
    limiter.throttled(HOST); // min(2, 3) - 1 = 1
    expect(limiter.ceiling(HOST)).toBe(1);
    clock.t += 900; // 1800 after the first, 900 after the second
    limiter.hasFree(HOST);
    expect(limiter.ceiling(HOST)).toBe(1);
    clock.t += 100;
    limiter.hasFree(HOST);
    expect(limiter.ceiling(HOST)).toBe(2);
    for (const s of slots) s.release();
  });

  it('setMax raises an unlearned ceiling and lets queued requests in', async () => {
    const limiter = new HostLimiter(1);
    await hold(limiter, 1);
    const queued = request(limiter);
    await flush();
    expect(queued.state.slot).toBeNull();
    limiter.setMax(3);
    await flush();
    expect(queued.state.slot).not.toBeNull();
    expect(limiter.ceiling(HOST)).toBe(3);
  });

  it('setMax lowers the ceiling but keeps a learned lower one', async () => {
    const limiter = new HostLimiter(8);
    const slots = await hold(limiter, 4);
    limiter.throttled(HOST); // learned: 3
    limiter.setMax(6);
    expect(limiter.ceiling(HOST)).toBe(3);
    limiter.setMax(2);
    expect(limiter.ceiling(HOST)).toBe(2);
    for (const s of slots) s.release();
    expect(limiter.hasFree(HOST)).toBe(true);
  });

  it('a host seen for the first time starts at the current maximum', async () => {
    const limiter = new HostLimiter(8);
    limiter.setMax(3);
    expect(limiter.ceiling('new.example')).toBe(3);
    await hold(limiter, 3, 'new.example');
    expect(limiter.hasFree('new.example')).toBe(false);
  });

  it('tryAcquire takes a free slot at once, and never one someone is waiting for', async () => {
    const limiter = new HostLimiter(2);
    const first = limiter.tryAcquire(HOST);
    expect(first).not.toBeNull();
    const [second] = await hold(limiter, 1);
    expect(limiter.tryAcquire(HOST)).toBeNull();
    const waiting = request(limiter);
    second!.release();
    expect(limiter.tryAcquire(HOST)).toBeNull(); // the waiter's
    await flush();
    expect(waiting.state.slot).not.toBeNull();
    expect(limiter.active(HOST)).toBe(2);
  });

  it('a waiter that may not take a free slot yet leaves it to the next, and gets it on wake() once it may', async () => {
    const limiter = new HostLimiter(1);
    const [slot] = await hold(limiter, 1);
    let admit = false;
    const picky = { state: { slot: null as HostSlot | null } };
    void limiter.acquire(HOST, undefined, () => admit).then((s) => (picky.state.slot = s));
    const plain = request(limiter);
    slot!.release();
    await flush();
    expect([picky.state.slot, plain.state.slot !== null]).toEqual([null, true]);
    plain.state.slot!.release();
    await flush();
    expect(picky.state.slot).toBeNull();
    expect(limiter.hasFree(HOST)).toBe(false); // held for the picky waiter, not taken by a newcomer
    admit = true;
    limiter.wake();
    await flush();
    expect(picky.state.slot).not.toBeNull();
  });

  it('tells its listener when a released slot or a raised maximum leaves room, not when a slot is taken', async () => {
    const limiter = new HostLimiter(1);
    const freed: string[] = [];
    limiter.onFreed((host) => freed.push(host));
    const [slot] = await hold(limiter, 1);
    const waiting = request(limiter);
    slot!.release(); // straight to the waiter: no room left
    await flush();
    expect(freed).toEqual([]);
    waiting.state.slot!.release();
    expect(freed).toEqual([HOST]);
    await hold(limiter, 1, 'other.example');
    limiter.setMax(2);
    expect(freed).toEqual([HOST, 'other.example']);
  });

  describe('recovery without anyone asking', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('raises a lowered ceiling after the quiet period and lets the waiter in', async () => {
      vi.useFakeTimers();
      const { clock, limiter } = manualLimiter(4, 1000);
      const freed: string[] = [];
      limiter.onFreed((host) => freed.push(host));
      await hold(limiter, 2);
      limiter.throttled(HOST); // 1
      const waiting = request(limiter);
      await flush();
      expect(waiting.state.slot).toBeNull();
      clock.t += 1000;
      vi.advanceTimersByTime(1000); // ceiling 2: still both in use
      await flush();
      expect([limiter.ceiling(HOST), waiting.state.slot]).toEqual([2, null]);
      clock.t += 1000;
      vi.advanceTimersByTime(1000);
      await flush();
      expect(limiter.ceiling(HOST)).toBe(3);
      expect(waiting.state.slot).not.toBeNull();
      clock.t += 1000;
      vi.advanceTimersByTime(1000);
      expect(limiter.ceiling(HOST)).toBe(4);
      expect(freed).toEqual([HOST]);
    });
  });
});
