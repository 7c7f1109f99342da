// Numbered and listed URL patterns, as download managers and curl take them:
// `https://host/img[001-120].jpg`, `…/part[1-9:2].rar`, `…/disk[a-c].iso`, `…/{amd64,arm64}.deb`.
// The add dialog shows how many addresses a pattern makes before anything is added, so counting
// never expands, and expanding stops at a ceiling instead of building millions of strings.

/** More than this from one line is refused: almost certainly a typo ([1-1000000]). */
export const MAX_EXPANSION = 10_000;

type SetPart = { kind: 'set'; values: (i: number) => string; count: number };
type Part = { kind: 'text'; text: string } | SetPart;

export type PatternResult =
  | { ok: true; count: number; /** Null when the line holds no pattern. */ parts: Part[] | null }
  | { ok: false; error: string };

const RANGE = /^(\d+)-(\d+)(?::(\d+))?$/;
const LETTERS = /^([a-z])-([a-z])(?::(\d+))?$|^([A-Z])-([A-Z])(?::(\d+))?$/;

/**
 * Reads the patterns of one line. `[a-b]` ranges take digits (the width of a zero-padded start is
 * kept: [001-120] gives 001…120) or letters, with an optional step (`:2`); `{x,y,z}` lists (in the
 * path) take any text. Brackets that are no pattern (an IPv6 host, `a[]=1` or JSON in a query)
 * stay as they are.
 */
export function parsePattern(line: string): PatternResult {
  const parts: Part[] = [];
  let text = '';
  let count = 1;
  let found = false;
  // Braces in a query are usually JSON, not a list: `{x,y}` counts only before `?`.
  const query = line.search(/[?#]/);
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    const inPath = query < 0 || i < query;
    const close = ch === '[' ? line.indexOf(']', i) : ch === '{' && inPath ? line.indexOf('}', i) : -1;
    const set = close > i ? readSet(line.slice(i + 1, close), ch === '[') : null;
    if (set === null) {
      text += ch;
      continue;
    }
    if ('error' in set) return { ok: false, error: set.error };
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push(set);
    count *= set.count;
    found = true;
    if (count > MAX_EXPANSION) return { ok: false, error: `makes more than ${MAX_EXPANSION.toLocaleString('en-US')} addresses` };
    i = close;
  }
  if (text) parts.push({ kind: 'text', text });
  return { ok: true, count: found ? count : 1, parts: found ? parts : null };
}

/** Every address a pattern makes, in order (the line itself when it holds none). */
export function expandPattern(line: string): { ok: true; urls: string[] } | { ok: false; error: string } {
  const p = parsePattern(line);
  if (!p.ok) return p;
  if (p.parts === null) return { ok: true, urls: [line] };
  let urls = [''];
  for (const part of p.parts) {
    if (part.kind === 'text') {
      urls = urls.map((u) => u + part.text);
    } else {
      const next: string[] = [];
      for (const u of urls) for (let i = 0; i < part.count; i++) next.push(u + part.values(i));
      urls = next;
    }
  }
  return { ok: true, urls };
}

function readSet(body: string, bracket: boolean): SetPart | { error: string } | null {
  if (!bracket) {
    if (!body.includes(',') || /[{}[\]\s]/.test(body)) return null;
    const items = body.split(',');
    return { kind: 'set', values: (i) => items[i]!, count: items.length };
  }
  const digits = RANGE.exec(body);
  if (digits) {
    const [, a, b, stepText] = digits;
    const from = Number(a);
    const to = Number(b);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) return { error: `[${body}]: the numbers are too large` };
    if (step < 1) return { error: `[${body}]: the step must be at least 1` };
    if (to < from) return { error: `[${body}]: the range goes backwards` };
    // A zero-padded start keeps its width: [001-120] → 001 … 120, [1-120] → 1 … 120.
    const width = a!.length > 1 && a!.startsWith('0') ? a!.length : 0;
    const count = Math.floor((to - from) / step) + 1;
    return { kind: 'set', values: (i) => String(from + i * step).padStart(width, '0'), count };
  }
  const letters = LETTERS.exec(body);
  if (letters) {
    const [a, b, stepText] = letters[1] !== undefined ? [letters[1], letters[2]!, letters[3]] : [letters[4]!, letters[5]!, letters[6]];
    const from = a.charCodeAt(0);
    const to = b.charCodeAt(0);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) return { error: `[${body}]: the step must be at least 1` };
    if (to < from) return { error: `[${body}]: the range goes backwards` };
    return { kind: 'set', values: (i) => String.fromCharCode(from + i * step), count: Math.floor((to - from) / step) + 1 };
  }
  return null;
}
