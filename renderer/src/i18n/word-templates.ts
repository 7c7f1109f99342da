// i18next's t() resolves a key through namespaces, fallbacks, nesting and interpolation: several
// µs a call, and a fast scroll brings in a screen of rows a frame, each saying five or so things.
// They are the same few sentences with different values, so each (language, key, value names)
// is resolved by t() once, with markers in place of the values, and then only filled in.
// Anything t() would change about a value (a plural by `count`, a number format, a value left
// undefined) is not a template: such calls always go to t().

type Values = Record<string, unknown>;
type Translate = (key: string, values?: Values) => string;

const MARK = '\u0000';

/** Literal text around the values: texts[0] value(order[0]) texts[1] …; null: not a template. */
interface Template {
  texts: string[];
  order: string[];
}

function compile(t: Translate, key: string, names: readonly string[]): Template | null {
  const text = t(key, Object.fromEntries(names.map((n, i) => [n, `${MARK}${i}${MARK}`])));
  const pieces = text.split(MARK);
  const texts: string[] = [];
  const order: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 0) texts.push(pieces[i]!);
    else order.push(names[Number(pieces[i])]!);
  }
  // Every value exactly once and as it was given; otherwise t() did something to it.
  const whole = pieces.length % 2 === 1 && order.length === names.length && new Set(order).size === names.length && order.every((n) => n !== undefined);
  return whole ? { texts, order } : null;
}

/** Templates made so far, by language, key and value names: a few hundred at most. */
const made = new Map<string, Template | null>();
const MAX_TEMPLATES = 2_000;

/**
 * `t`, for the forms rows use (a key, and values to put in), with each sentence resolved once.
 * `language` is t's: a template is only ever used for the language it was made in.
 */
export function templated<F extends object>(t: F, language: string): F {
  const translate = t as unknown as Translate;
  const fast = (key: string, values?: Values): string => {
    const names = values ? Object.keys(values) : [];
    if (names.some((n) => n === 'count' || n === 'context' || values![n] === undefined)) return translate(key, values);
    const id = `${language}\u0001${key}\u0001${names.join('\u0001')}`;
    let template = made.get(id);
    if (template === undefined) {
      template = compile(translate, key, names);
      if (made.size >= MAX_TEMPLATES) made.clear();
      made.set(id, template);
    }
    if (template === null) return translate(key, values);
    let out = template.texts[0]!;
    for (let i = 0; i < template.order.length; i++) out += String(values![template.order[i]!]) + template.texts[i + 1]!;
    return out;
  };
  return fast as unknown as F;
}
