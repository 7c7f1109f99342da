import { describe, expect, it } from 'vitest';
import { StartHolds } from './start-holds';

function later(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('holds on starting a job', () => {
  it('hold a job until every overlapping hold has ended, whatever its outcome, saying so each time', async () => {
    let released = 0;
    const holds = new StartHolds(() => released++);
    const [a, b] = [later(), later()];
    const first = holds.hold('j', a.promise);
    const second = holds.hold('j', b.promise).catch((e: Error) => e.message);
    expect(holds.has('j')).toBe(true);
    a.resolve();
    await first;
    expect([holds.has('j'), released]).toEqual([true, 1]);
    const idle = holds.idle();
    b.reject(new Error('no such file'));
    expect(await second).toBe('no such file');
    await idle;
    expect([holds.has('j'), holds.has('other'), released]).toEqual([false, false, 2]);
  });
});
