// Text width in the list's font, for the name's middle elision: one shared canvas context, and a
// bounded cache (names repeat at every repaint; 10,000 rows must not grow it without end).

let ctx: CanvasRenderingContext2D | null = null;
let font = '';
const cache = new Map<string, number>();
const MAX_CACHE = 20_000;

function context(): CanvasRenderingContext2D | null {
  if (!ctx) ctx = document.createElement('canvas').getContext('2d');
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

export function textWidth(text: string): number {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const c = context();
  if (!c) return text.length * 7;
  c.font = nameFont();
  const w = c.measureText(text).width;
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(text, w);
  return w;
}
