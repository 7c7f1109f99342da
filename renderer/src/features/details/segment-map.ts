// Where each segment of a file lies on the details panel's map, in pixels: its span, how much of
// it has arrived, and whether a connection is writing it (drawn with a bright head). Pure, so the
// geometry is tested in Node; the canvas only paints these boxes.
import type { SegmentSnapshot } from '../../../../shared/models/job';

export interface SegmentBox {
  x: number;
  width: number;
  /** Pixels of the span that have arrived, from x. */
  done: number;
  live: boolean;
}

/** The file's size as the map measures it: the known total, else the furthest known segment end. */
export function mapSize(segments: readonly SegmentSnapshot[], total: number | null): number | null {
  if (total !== null && total > 0) return total;
  let end = 0;
  for (const s of segments) {
    if (s.end === null) return null;
    end = Math.max(end, s.end);
  }
  return end > 0 ? end : null;
}

/**
 * Boxes for `width` pixels. Edges are rounded to whole pixels from the byte offsets (not from
 * each other), so neighbours meet without gaps or overlaps; a segment that has received anything
 * shows at least one pixel of it.
 */
export function segmentBoxes(segments: readonly SegmentSnapshot[], total: number | null, width: number): SegmentBox[] {
  const size = mapSize(segments, total);
  if (size === null || width <= 0) return [];
  const px = (bytes: number): number => Math.round((Math.min(Math.max(bytes, 0), size) / size) * width);
  return segments.map((s) => {
    const end = s.end ?? size;
    const x = px(s.start);
    const right = px(end);
    let done = px(s.start + s.received) - x;
    if (s.received > 0 && done === 0 && right > x) done = 1;
    return { x, width: right - x, done: Math.min(done, right - x), live: s.active };
  });
}

export interface ConnectionLine {
  index: number;
  start: number;
  end: number | null;
  received: number;
  speed: number;
  state: 'active' | 'done' | 'waiting';
}

/** The segments as listed under the map, numbered from 1, with what each one is doing. */
export function connectionLines(segments: readonly SegmentSnapshot[]): ConnectionLine[] {
  return segments.map((s, i) => ({
    index: i + 1,
    start: s.start,
    end: s.end,
    received: s.received,
    speed: s.active ? s.speed : 0,
    state: s.active ? 'active' : s.end !== null && s.received >= s.end - s.start ? 'done' : 'waiting',
  }));
}
