// The bar eases to its new progress over a few frames (≤ 100 ms), so ten updates a second read as
// motion, not steps. Only the done marks move; a bar whose segments changed (a split, a new
// connection) jumps, since easing a different layout would draw ranges that never existed.
import type { BarSegment } from '../../../../shared/models/job-row';

export interface BarState {
  bar: readonly BarSegment[] | null;
  received: number;
}

/** The bar `t` (0..1) of the way from `from` to `to`; `to` itself when they cannot be eased. */
export function tweenBar(from: BarState, to: BarState, t: number): BarState {
  if (t >= 1) return to;
  const received = from.received <= to.received ? from.received + (to.received - from.received) * t : to.received;
  if (!from.bar || !to.bar) return { bar: to.bar, received };
  if (from.bar.length !== to.bar.length) return to;
  const bar: BarSegment[] = [];
  for (let i = 0; i < to.bar.length; i++) {
    const [s, e, d, live] = to.bar[i]!;
    const [fs, fe, fd] = from.bar[i]!;
    if (fs !== s || fe !== e) return to;
    // Never ease backwards: a range that lost bytes (a restart) shows it at once.
    bar.push([s, e, fd <= d ? fd + (d - fd) * t : d, live]);
  }
  return { bar, received };
}

/**
 * How far (px, on a bar `width` wide) the furthest done mark moves from `from` to `to`. Easing
 * a move under a pixel or two costs frames and shows nothing: those are painted at once.
 */
export function tweenDistance(from: BarState, to: BarState, total: number | null, width: number): number {
  if (from.bar && to.bar && from.bar.length === to.bar.length) {
    let most = 0;
    for (let i = 0; i < to.bar.length; i++) most = Math.max(most, Math.abs(to.bar[i]![2] - from.bar[i]![2]));
    return (most / 1000) * width;
  }
  if (!total) return 0;
  return (Math.abs(to.received - from.received) / total) * width;
}
