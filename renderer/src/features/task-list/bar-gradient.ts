// The row's bar as CSS backgrounds: the done ranges and the live heads as hard-stop gradients over
// the track colour. One plain element per row, painted with the row: a canvas per row made each
// bar a compositor layer of its own, and forty of them cost every scrolled frame more than the
// rows themselves. Colours stay in CSS (var()), so a theme change needs no redraw.
import type { BarRect } from './bar-geometry';

/** One layer of hard stops: `colour` over each rect, transparent between. */
function stops(rects: readonly BarRect[], colour: string): string | null {
  if (rects.length === 0) return null;
  const parts: string[] = [];
  let at = 0;
  for (const r of [...rects].sort((a, b) => a.x - b.x)) {
    if (r.width <= 0) continue;
    if (r.x > at) parts.push(`transparent ${at}px ${r.x}px`);
    parts.push(`${colour} ${r.x}px ${r.x + r.width}px`);
    at = r.x + r.width;
  }
  if (parts.length === 0) return null;
  parts.push(`transparent ${at}px`);
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

/** The value for `background-image`: the heads above the done ranges; 'none' for an empty bar. */
export function barBackground(done: readonly BarRect[], heads: readonly BarRect[]): string {
  const layers = [stops(heads, 'var(--bar-live)'), stops(done, 'var(--bar-fill)')].filter((l): l is string => l !== null);
  return layers.length ? layers.join(', ') : 'none';
}
