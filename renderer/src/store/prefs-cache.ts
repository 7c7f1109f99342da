// The prefs this browser (or window) saw last, kept in localStorage: the first screen draws with
// the user's theme, columns and sort before the engine answers, and the list's first page is asked
// for in the right order together with everything else. The engine's prefs stay the truth: they
// replace these as soon as they arrive.
import { PrefsSchema, type Prefs } from '../../../shared/models/prefs';

const KEY = 'haul.prefs';

export function cachedPrefs(): Prefs | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return null;
    const parsed = PrefsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // storage refused (a private window) or an old, unreadable value
  }
}

export function cachePrefs(prefs: Prefs): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Full or refused: the next start asks the engine first, as without a cache.
  }
}
