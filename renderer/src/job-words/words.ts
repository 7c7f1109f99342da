// Words as data: a key and its values, said by whichever t the caller has. Kept apart from the
// sentence so the logic that picks them stays pure and each language orders its own words.

import type { Words } from '../../../shared/words/words';

export type { Words };

/** The shape of t these words need (i18next's t, or the list's templated one). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The words in t's language, the reason inside them first. */
export function say(t: Translate, w: Words): string {
  // No new object for the common case: rows say their status on every repaint.
  return w.reason ? t(w.key, { ...w.values, reason: say(t, w.reason) }) : t(w.key, w.values);
}
