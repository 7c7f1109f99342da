import { describe, expect, it } from 'vitest';
import type { SegmentSnapshot } from '../../../../shared/models/job';
import type { JobEvent } from '../../../../shared/models/job-row';
import { newestFirst } from './history';
import { connectionLines, mapSize, segmentBoxes } from './segment-map';

const seg = (start: number, end: number | null, received: number, active = false, speed = 0): SegmentSnapshot => ({ start, end, received, active, speed });

describe('segment map geometry', () => {
  it('lays each segment where it lies in the file, with what has arrived', () => {
    const boxes = segmentBoxes([seg(0, 500, 500), seg(500, 750, 100, true), seg(750, 1000, 0)], 1000, 200);
    expect(boxes).toEqual([
      { x: 0, width: 100, done: 100, live: false },
      { x: 100, width: 50, done: 20, live: true },
      { x: 150, width: 50, done: 0, live: false },
    ]);
  });

  it('leaves no gap or overlap between neighbours whatever the rounding', () => {
    const segs = Array.from({ length: 7 }, (_, i) => seg(i * 1431, i === 6 ? 10_000 : (i + 1) * 1431, 10));
    const boxes = segmentBoxes(segs, 10_000, 333);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x).toBe(boxes[i - 1]!.x + boxes[i - 1]!.width);
    expect(boxes.at(-1)!.x + boxes.at(-1)!.width).toBe(333);
  });

  it('shows at least a pixel of a segment that has started, never more than the segment', () => {
    const [tiny] = segmentBoxes([seg(0, 1_000_000, 10, true)], 1_000_000, 100);
    expect(tiny!.done).toBe(1);
    const [over] = segmentBoxes([seg(0, 100, 150)], 100, 100);
    expect(over!.done).toBe(100);
  });

  it('measures by the furthest segment while the total is unknown, and draws nothing without a size', () => {
    expect(mapSize([seg(0, 300, 0), seg(300, 900, 0)], null)).toBe(900);
    expect(mapSize([seg(0, null, 40)], null)).toBeNull();
    expect(segmentBoxes([seg(0, null, 40, true)], null, 100)).toEqual([]);
  });

  it('lists each connection with its speed and what it is doing', () => {
    expect(connectionLines([seg(0, 10, 10, false, 9), seg(10, 20, 3, true, 42), seg(20, 30, 0)])).toEqual([
      { index: 1, start: 0, end: 10, received: 10, speed: 0, state: 'done' },
      { index: 2, start: 10, end: 20, received: 3, speed: 42, state: 'active' },
      { index: 3, start: 20, end: 30, received: 0, speed: 0, state: 'waiting' },
    ]);
  });
});

describe('history', () => {
  it('lists the newest first, and the later of two events at the same time first', () => {
    const ev = (at: number, text: string): JobEvent => ({ at, kind: 'note', text });
    expect(newestFirst([ev(1, 'added'), ev(5, 'started'), ev(5, 'retry'), ev(3, 'x')]).map((e) => e.text)).toEqual(['retry', 'started', 'x', 'added']);
  });
});
