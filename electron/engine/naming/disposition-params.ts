// Lenient tokenizer for Content-Disposition header values, modelled on what browsers accept rather
// than on the RFC 6266 grammar: real servers omit quotes, leave them unterminated, forget the
// disposition type or a semicolon, and put spaces around `=`.

export interface DispositionParam {
  /** Lower-cased parameter name, e.g. `filename` or `filename*`. */
  name: string;
  /** Value with quotes and escapes removed; still latin1-decoded bytes. */
  value: string;
  quoted: boolean;
}

export interface ParsedDisposition {
  /** Lower-cased disposition type, or null when the header starts straight with a parameter. */
  type: string | null;
  params: DispositionParam[];
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

export function parseDispositionParams(raw: string): ParsedDisposition {
  const semicolon = raw.indexOf(';');
  const head = (semicolon === -1 ? raw : raw.slice(0, semicolon)).trim();
  // Like Chromium: a first segment that is not a plain token is a parameter, not a type.
  const hasType = TOKEN.test(head);
  const start = hasType ? (semicolon === -1 ? raw.length : semicolon) : 0;
  return { type: hasType ? head.toLowerCase() : null, params: readParams(raw, start) };
}

function readParams(raw: string, from: number): DispositionParam[] {
  const params: DispositionParam[] = [];
  let i = from;
  while (i < raw.length) {
    while (i < raw.length && (raw[i] === ';' || isSpace(raw[i]!))) i++;
    const nameEnd = findNameEnd(raw, i);
    if (nameEnd === -1 || raw[nameEnd] === ';') {
      // A parameter without a value (`attachment; foo; filename=x`): skip it.
      i = nameEnd === -1 ? raw.length : nameEnd + 1;
      continue;
    }
    // "attachment filename=x" (missing `;`): the name is the last word before `=`.
    const name = raw.slice(i, nameEnd).trim().split(/[ \t]+/).pop()!.toLowerCase();
    i = nameEnd + 1;
    while (i < raw.length && isSpace(raw[i]!)) i++;
    const read = raw[i] === '"' ? readQuoted(raw, i + 1) : readBare(raw, i);
    i = read.next;
    if (name !== '') params.push({ name, value: read.value, quoted: read.quoted });
  }
  return params;
}

interface ReadValue {
  value: string;
  quoted: boolean;
  next: number;
}

/** A quoted-string; `;` inside is data. Unterminated: the rest of the header is the value. */
function readQuoted(raw: string, from: number): ReadValue {
  let value = '';
  let i = from;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch === '"') {
      // Anything between the closing quote and the next `;` is junk (`filename="a.txt" x`).
      const semi = raw.indexOf(';', i + 1);
      return { value, quoted: true, next: semi === -1 ? raw.length : semi + 1 };
    }
    // A backslash in a quoted-string escapes the next char, whatever it is (RFC 9110 quoted-pair,
    // as browsers read it): `"f\oo.html"` is foo.html. It is never a path separator here, so it must
    // go before anyone looks for a directory part.
    if (ch === '\\' && i + 1 < raw.length) {
      value += raw[i + 1];
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  return { value: value.trimEnd(), quoted: true, next: raw.length };
}

/** A token that may break the rules (spaces, stray quotes): everything up to the next `;`. */
function readBare(raw: string, from: number): ReadValue {
  const semi = raw.indexOf(';', from);
  const end = semi === -1 ? raw.length : semi;
  let value = raw.slice(from, end).trim();
  // filename='a.txt' and a lone trailing quote (filename=a.txt") are server slips, not names.
  const single = /^'(.*)'$/s.exec(value);
  if (single && !single[1]!.includes("'")) value = single[1]!;
  else if (value.endsWith('"') && !value.slice(0, -1).includes('"')) value = value.slice(0, -1).trimEnd();
  return { value, quoted: false, next: end + 1 };
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t';
}

/**
 * The `=` or `;` that ends a parameter name, or -1. A quoted string where a name should be
 * (`"foo; filename=bar"; filename=qux`) is skipped whole: what is inside it is not a parameter.
 */
function findNameEnd(raw: string, from: number): number {
  for (let i = from; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '=' || ch === ';') return i;
    if (ch === '"') i = closingQuote(raw, i + 1);
  }
  return -1;
}

/** Index of the quote that closes a quoted-string starting at `from`, or raw.length if none does. */
function closingQuote(raw: string, from: number): number {
  for (let i = from; i < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw[i] === '"') return i;
  }
  return raw.length;
}
