import { describe, expect, it } from 'vitest';
import type { DownloadSlot } from '../fetcher';
import { HostLimiter } from './host-limiter';
import { JobHostSlots } from './job-host-slots';

const A = 'a.example';
const B = 'b.example';

/** A download slot that counts how often it was given back and taken again. */
function downloadSlot(free = true): DownloadSlot & { given: number; taken: number; free: boolean } {
  const slot = {
    given: 0,
    taken: 0,
    free,
    release: () => void slot.given++,
    reclaim: () => (slot.free ? (slot.taken++, true) : false),
  };
  return slot;
}

describe('JobHostSlots', () => {
  it('claims a connection only when one is free, and hands it to the first request', async () => {
    const limiter = new HostLimiter(1);
    const slots = JobHostSlots.claim(limiter, A, downloadSlot())!;
    expect(limiter.active(A)).toBe(1);
    expect(JobHostSlots.claim(limiter, A, downloadSlot())).toBeNull();
    expect(slots.hasFree(A)).toBe(true); // its own claimed connection
    const first = await slots.acquire(A);
    expect(limiter.active(A)).toBe(1);
    first.release();
    slots.close();
    expect(limiter.active(A)).toBe(0);
  });

  it('gives back a claimed connection it never used: at the end, or when the first request goes elsewhere', async () => {
    const limiter = new HostLimiter(1);
    JobHostSlots.claim(limiter, A, downloadSlot())!.close();
    expect(limiter.active(A)).toBe(0);
    const redirected = JobHostSlots.claim(limiter, A, downloadSlot())!;
    const other = await redirected.acquire(B);
    expect([limiter.active(A), limiter.active(B)]).toEqual([0, 1]);
    other.release();
    redirected.close();
    expect(limiter.active(B)).toBe(0);
  });

  it('gives its download slot back only while no connection of its own is open, and takes it again before the next', async () => {
    const limiter = new HostLimiter(1);
    const slot = downloadSlot();
    const slots = JobHostSlots.claim(limiter, A, slot)!;
    const open = await slots.acquire(A);
    const second = slots.acquire(A); // waits with one open: keeps the download slot
    expect(slot.given).toBe(0);
    open.release();
    (await second).release();
    const other = limiter.tryAcquire(A)!; // another download takes host A
    slot.free = false;
    const third = slots.acquire(A).then((s) => s);
    expect(slot.given).toBe(1);
    other.release(); // host A is free, but no download slot yet
    await Promise.resolve();
    expect(limiter.hasFree(A)).toBe(false);
    slot.free = true;
    limiter.wake();
    (await third).release();
    expect([slot.given, slot.taken]).toEqual([1, 1]);
  });
});
