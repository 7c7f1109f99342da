import { describe, expect, it } from 'vitest';
import { MIN_TOP, niceTop, peakOf, speedSeries } from './speed-series';

describe('speed series', () => {
  it('ends at now and leaves the seconds before the first sample empty', () => {
    expect(speedSeries([10, 20], 4)).toEqual([
      [-3, -2, -1, 0],
      [null, null, 10, 20],
    ]);
  });

  it('keeps only the last window of a longer history', () => {
    expect(speedSeries([1, 2, 3, 4, 5], 3)).toEqual([
      [-2, -1, 0],
      [3, 4, 5],
    ]);
  });

  it('is all gaps with no samples', () => {
    expect(speedSeries([], 2)[1]).toEqual([null, null]);
  });

  it('puts the top above the peak, in steps, and never below the idle floor', () => {
    expect(niceTop(0)).toBe(MIN_TOP);
    expect(niceTop(1000)).toBe(MIN_TOP);
    for (const peak of [70_000, 1e6, 48.2 * 1024 ** 2, 3e9]) {
      const top = niceTop(peak);
      expect(top).toBeGreaterThanOrEqual(peak);
      expect(top).toBeLessThan(peak * 2.01);
    }
    // Steps: a peak moving a little does not move the top.
    expect(niceTop(40e6)).toBe(niceTop(41e6));
  });

  it('finds the peak among gaps', () => {
    expect(peakOf([null, 3, 9, null, 2])).toBe(9);
    expect(peakOf([null])).toBe(0);
  });
});
