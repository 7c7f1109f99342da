// Which rows to draw around those in view. Ahead of a scroll, enough for one wheel notch (120 px)
// that the compositor may scroll before the rows render; behind it, rows are leaving, so one is
// kept for a turn back. Each row more is work in every frame of a fling.

/** Rows drawn beyond the edge the list moves towards (and beyond both edges at rest). */
export const OVERSCAN = 3;
/** Rows kept beyond the edge the list moves away from. */
export const OVERSCAN_BEHIND = 1;

export type ScrollDirection = 'forward' | 'backward' | null;

/** The indexes to draw: those from `first` to `last` in view, and the overscan for `direction`. */
export function rowsToDraw(first: number, last: number, count: number, direction: ScrollDirection): number[] {
  const start = Math.max(0, first - (direction === 'forward' ? OVERSCAN_BEHIND : OVERSCAN));
  const end = Math.min(count - 1, last + (direction === 'backward' ? OVERSCAN_BEHIND : OVERSCAN));
  return Array.from({ length: Math.max(0, end - start + 1) }, (_, i) => start + i);
}
