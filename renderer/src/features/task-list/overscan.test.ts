import { describe, expect, it } from 'vitest';
import { OVERSCAN, OVERSCAN_BEHIND, rowsToDraw } from './overscan';

describe('rows drawn around the view', () => {
  it('at rest, the same number beyond both edges', () => {
    expect(rowsToDraw(10, 20, 100, null)).toEqual(range(10 - OVERSCAN, 20 + OVERSCAN));
  });

  it('scrolling down, more below than above; scrolling up, the other way round', () => {
    expect(rowsToDraw(10, 20, 100, 'forward')).toEqual(range(10 - OVERSCAN_BEHIND, 20 + OVERSCAN));
    expect(rowsToDraw(10, 20, 100, 'backward')).toEqual(range(10 - OVERSCAN, 20 + OVERSCAN_BEHIND));
    expect(OVERSCAN_BEHIND).toBeLessThan(OVERSCAN);
  });

  it('never before the first row nor past the last', () => {
    expect(rowsToDraw(0, 5, 6, null)).toEqual(range(0, 5));
    expect(rowsToDraw(1, 1, 2, 'backward')).toEqual(range(0, 1));
    expect(rowsToDraw(0, 0, 0, 'forward')).toEqual([]);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
