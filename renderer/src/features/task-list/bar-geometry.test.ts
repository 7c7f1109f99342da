import { describe, expect, it } from 'vitest';
import { barGeometry } from './bar-geometry';

describe('the progress bar geometry', () => {
  it('draws each segment where it lies in the file, with a head per live connection', () => {
    // Four connections over a 200 px bar: the first finished, two writing, one waiting.
    const g = barGeometry(
      [
        [0, 250, 250, 0],
        [250, 500, 400, 1],
        [500, 750, 600, 1],
        [750, 1000, 750, 0],
      ],
      0,
      1000,
      200,
    );
    // 0-250 done and 250-400 done touch: one rectangle 0..80 px; 500-600 is its own, 100..120 px.
    expect(g.done).toEqual([
      { x: 0, width: 80 },
      { x: 100, width: 20 },
    ]);
    expect(g.heads).toEqual([
      { x: 78, width: 2 },
      { x: 118, width: 2 },
    ]);
  });

  it('takes segments in any order and ignores a done mark past the segment end', () => {
    const g = barGeometry(
      [
        [500, 1000, 1200, 0],
        [0, 500, 100, 1],
      ],
      0,
      null,
      100,
    );
    expect(g.done).toEqual([
      { x: 0, width: 10 },
      { x: 50, width: 50 },
    ]);
  });

  it('a finished segment has no head even if its connection is still marked live', () => {
    expect(barGeometry([[0, 1000, 1000, 1]], 0, 1, 100).heads).toEqual([]);
  });

  it('a head at the very start stays inside the bar', () => {
    const g = barGeometry([[0, 1000, 0, 1]], 0, 1, 100);
    expect(g.done).toEqual([]);
    expect(g.heads).toEqual([{ x: 0, width: 2 }]);
  });

  it('without segments fills received/total from the left, and nothing while the size is unknown', () => {
    expect(barGeometry(null, 25, 100, 80).done).toEqual([{ x: 0, width: 20 }]);
    expect(barGeometry(null, 25, null, 80).done).toEqual([]);
    expect(barGeometry([], 200, 100, 80).done).toEqual([{ x: 0, width: 80 }]);
    expect(barGeometry(null, 1, 100, 0)).toEqual({ done: [], heads: [] });
  });
});
