// The row's progress bar as rectangles: each segment's done bytes where they lie in the file, and a
// bright edge at each live connection's head. Pure, so the drawing (CSS gradients) stays a few lines.
import type { BarSegment } from '../../../../shared/models/job-row';

export interface BarRect {
  x: number;
  width: number;
}

export interface BarGeometry {
  /** Received ranges, merged where they touch. */
  done: BarRect[];
  /** A connection's head: where its bytes are arriving now. */
  heads: BarRect[];
}

/** Width in px of a live head's bright edge. */
export const HEAD_WIDTH = 2;

/**
 * Geometry for a bar `width` px wide. With segments (thousandths of the file), each done part
 * sits where it lies; without, received/total fills from the left (nothing while the size is
 * unknown). Edges are snapped to whole px so neighbouring ranges neither overlap nor leave seams.
 */
export function barGeometry(bar: readonly BarSegment[] | null, received: number, total: number | null, width: number): BarGeometry {
  if (width <= 0) return { done: [], heads: [] };
  const px = (thousandths: number): number => Math.round((Math.min(1000, Math.max(0, thousandths)) / 1000) * width);
  if (!bar || bar.length === 0) {
    const fill = total && total > 0 ? Math.round(Math.min(1, received / total) * width) : 0;
    return { done: fill > 0 ? [{ x: 0, width: fill }] : [], heads: [] };
  }
  const done: BarRect[] = [];
  const heads: BarRect[] = [];
  const sorted = [...bar].sort((a, b) => a[0] - b[0]);
  for (const [start, end, upTo, live] of sorted) {
    const x0 = px(start);
    const x1 = px(Math.min(upTo, end));
    if (x1 > x0) {
      const last = done[done.length - 1];
      if (last && last.x + last.width >= x0) last.width = Math.max(last.width, x1 - last.x);
      else done.push({ x: x0, width: x1 - x0 });
    }
    if (live && upTo < end) {
      // The head sits just inside the received part, so it reads as that range's leading edge.
      const x = Math.max(x0, Math.min(x1, width) - HEAD_WIDTH);
      heads.push({ x, width: Math.min(HEAD_WIDTH, width - x) });
    }
  }
  return { done, heads };
}
