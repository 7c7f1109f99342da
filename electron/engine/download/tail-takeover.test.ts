import { describe, expect, it } from 'vitest';
import { SPLIT_ALIGN } from './segment-planner';
import { JUDGE_AFTER_MS, LIMITED_WINDOW_MS, MIN_GAIN_MS, planTailTakeover, tailCut, type FreshConnection, type TailCandidate } from './tail-takeover';

const KiB = 1024;
const MiB = 1024 * KiB;
/** Loopback-like: a fresh request answers in 2 ms and then runs at 100 MiB/s. */
const fast: FreshConnection = { latencyMs: 2, speed: 100 * MiB };

/** A response a second old, receiving steadily, never held back by this side. */
function running(over: Partial<TailCandidate> = {}): TailCandidate {
  return { pos: 10 * MiB, end: 12 * MiB, speed: 256 * KiB, runningMs: 1000, silentMs: 5, limitedMs: Number.POSITIVE_INFINITY, takenOver: false, ...over };
}

describe('planTailTakeover', () => {
  it('takes nearly all of a slow response\'s tail below any minimum split size', () => {
    const plan = planTailTakeover([running()], fast)!;
    expect(plan.index).toBe(0);
    // 2 MiB at 256 KiB/s is 8 s; a fresh connection needs ~22 ms, and the slow one keeps about that much.
    expect(plan.cut).toBeGreaterThan(10 * MiB);
    expect(plan.cut - 10 * MiB).toBeLessThan(16 * KiB);
    expect(plan.gainMs).toBeGreaterThan(7900);
  });

  it('picks the response whose takeover saves the most', () => {
    const plan = planTailTakeover([running({ speed: 2 * MiB }), running({ pos: 20 * MiB, end: 21 * MiB, speed: 64 * KiB })], fast)!;
    expect(plan.index).toBe(1);
  });

  it('waits until a response has run long enough to be measured, longer on a slow link', () => {
    expect(planTailTakeover([running({ runningMs: JUDGE_AFTER_MS - 1 })], fast)).toBeNull();
    expect(planTailTakeover([running({ runningMs: JUDGE_AFTER_MS })], fast)).not.toBeNull();
    const far: FreshConnection = { latencyMs: 200, speed: 100 * MiB };
    expect(planTailTakeover([running({ runningMs: 799 })], far)).toBeNull();
    expect(planTailTakeover([running({ runningMs: 800 })], far)).not.toBeNull();
  });

  it('takes everything a stalled response has not received, whatever its earlier speed', () => {
    const plan = planTailTakeover([running({ silentMs: JUDGE_AFTER_MS, speed: 5 * MiB })], fast)!;
    expect(plan.cut).toBe(10 * MiB);
    expect(plan.gainMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives no verdict on a response with no speed yet that has not been silent long either', () => {
    expect(planTailTakeover([running({ speed: 0, silentMs: JUDGE_AFTER_MS - 1 })], fast)).toBeNull();
  });

  it('cuts a response for being slow once; again only when it stalls', () => {
    expect(planTailTakeover([running({ takenOver: true })], fast)).toBeNull();
    expect(planTailTakeover([running({ takenOver: true, silentMs: JUDGE_AFTER_MS })], fast)?.cut).toBe(10 * MiB);
  });

  it('leaves alone a response held back by a speed limit or the verification: a fresh one would be too', () => {
    expect(planTailTakeover([running({ limitedMs: 0 })], fast)).toBeNull();
    expect(planTailTakeover([running({ limitedMs: LIMITED_WINDOW_MS - 1 })], fast)).toBeNull();
    expect(planTailTakeover([running({ limitedMs: LIMITED_WINDOW_MS })], fast)).not.toBeNull();
  });

  it('with equal speeds, splits a long tail about in half and leaves a short one', () => {
    const even: FreshConnection = { latencyMs: 2, speed: MiB };
    const long = planTailTakeover([running({ speed: MiB })], even)!;
    expect(Math.abs(long.cut - 11 * MiB)).toBeLessThanOrEqual(SPLIT_ALIGN);
    expect(long.gainMs).toBeGreaterThan(900);
    // 128 KiB at 1 MiB/s is 125 ms: halving saves ~60 ms, not worth a request.
    expect(planTailTakeover([running({ speed: MiB, end: 10 * MiB + 128 * KiB })], even)).toBeNull();
  });

  it('gains nothing where the request latency eats the time saved', () => {
    // 64 KiB at 256 KiB/s is 250 ms; a fresh request answers only after 200 ms.
    const far: FreshConnection = { latencyMs: 200, speed: 100 * MiB };
    expect(planTailTakeover([running({ end: 10 * MiB + 64 * KiB })], far)).toBeNull();
  });

  it('needs a measured fresh speed and something left to take', () => {
    expect(planTailTakeover([running()], { latencyMs: 2, speed: 0 })).toBeNull();
    expect(planTailTakeover([running({ end: 10 * MiB })], fast)).toBeNull();
    expect(planTailTakeover([], fast)).toBeNull();
  });

  it('saves at least MIN_GAIN_MS whenever it plans a takeover', () => {
    for (const speed of [0, 1 * KiB, 64 * KiB, MiB, 50 * MiB, 200 * MiB]) {
      for (const left of [1, 4 * KiB, 100 * KiB, MiB, 7 * MiB + 3]) {
        for (const fresh of [fast, { latencyMs: 50, speed: MiB }, { latencyMs: 0, speed: 10 * MiB }]) {
          const plan = planTailTakeover([running({ speed, end: 10 * MiB + left })], fresh);
          if (plan) {
            expect(plan.gainMs).toBeGreaterThanOrEqual(MIN_GAIN_MS);
            expect(plan.cut).toBeGreaterThanOrEqual(10 * MiB);
            expect(plan.cut).toBeLessThan(10 * MiB + left);
          }
        }
      }
    }
  });
});

describe('tailCut', () => {
  it('never cuts below the position, and aligns down only when that stays above it', () => {
    expect(tailCut(1000, 5000, 0, fast)).toBe(1000);
    // 1 byte/s keeps less than one byte.
    expect(tailCut(SPLIT_ALIGN, 3 * SPLIT_ALIGN, 1, fast)).toBe(SPLIT_ALIGN);
    // It keeps ~18 KiB: aligning that down would land below the position, so the cut stays unaligned.
    const unaligned = tailCut(SPLIT_ALIGN + 1, 8 * MiB, MiB, { latencyMs: 10, speed: 1000 * MiB });
    expect(unaligned - SPLIT_ALIGN - 1).toBeGreaterThan(16 * KiB);
    expect(unaligned - SPLIT_ALIGN - 1).toBeLessThan(20 * KiB);
    expect(tailCut(0, 8 * MiB, 4 * MiB, { latencyMs: 0, speed: 4 * MiB })).toBe(4 * MiB);
    expect(tailCut(100, 8 * MiB, 4 * MiB, { latencyMs: 0, speed: 4 * MiB }) % SPLIT_ALIGN).toBe(0);
  });

  it('lets both finish together: the slow one keeps what it gets while the fresh one fetches the rest', () => {
    const pos = 0;
    const end = 10 * MiB;
    const v = MiB;
    const f: FreshConnection = { latencyMs: 100, speed: 9 * MiB };
    const cut = tailCut(pos, end, v, f);
    const keptMs = ((cut - pos) / v) * 1000;
    const takenMs = f.latencyMs + ((end - cut) / f.speed) * 1000;
    // Alignment moves at most 64 KiB to the fresh connection: ~62 ms at 1 MiB/s.
    expect(Math.abs(keptMs - takenMs)).toBeLessThan(70);
  });
});
