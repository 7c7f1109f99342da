// Text width in the list's font, for the name's middle elision. Widths are summed from each
// character's advance, measured once: a name is measured a dozen times while its elision is
// searched, for every row that scrolls into view, and measureText on whole strings cost more than
// the rest of the row. Kerning only narrows text, so the sum errs towards eliding a little early,
// and the cell's CSS ellipsis stays as the backstop.

let ctx: CanvasRenderingContext2D | null = null;
let font = '';
const advances = new Map<string, number>();

function context(): CanvasRenderingContext2D | null {
  // None on a server drawing the first screen: names are cut by the cell's CSS ellipsis there.
  if (!ctx && typeof document !== 'undefined') {
    ctx = document.createElement('canvas').getContext('2d');
    if (ctx) ctx.font = nameFont();
  }
  return ctx;
}

/** The font names are drawn in: the page's family and size, at the weight task-list.css gives .name-text. */
function nameFont(): string {
  if (!font) {
    const body = getComputedStyle(document.body);
    font = `500 ${body.fontSize} ${body.fontFamily}`;
  }
  return font;
}

function advance(ch: string): number {
  let w = advances.get(ch);
  if (w === undefined) {
    const c = context();
    w = c ? c.measureText(ch).width : 7;
    // Bounded: every character of every script a list can hold is still far below this.
    if (advances.size >= 50_000) advances.clear();
    advances.set(ch, w);
  }
  return w;
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += advance(ch);
  return w;
}
