// i18next, set up once. Each feature keeps its words in its own strings.ts (English and
// Simplified Chinese side by side) and registers them under its own namespace, so features
// never share a file of words. A test checks both languages have every key.
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, languageFor, type Language } from '../../../shared/words/language';
import { COMMON_STRINGS } from './common-strings';

export { LANGUAGES, type Language };

/** A feature's words: the same keys in each language (nested objects allowed; plurals as key_one / key_other). */
export type Strings = Record<Language, Record<string, unknown>>;

/** The language the system or browser asks for, among those Haul speaks. */
export function systemLanguage(preferred: readonly string[] = navigator.languages): Language {
  return languageFor(preferred);
}

// Features register their words when their module loads, which is before initI18n runs (init
// replaces i18next's resource store): keep them here and hand them to init.
const registered = new Map<string, Strings>();

export function registerStrings(namespace: string, strings: Strings): void {
  registered.set(namespace, strings);
  if (!i18next.isInitialized) return;
  for (const lang of LANGUAGES) i18next.addResourceBundle(lang, namespace, strings[lang], true, true);
}

export async function initI18n(language: Language = systemLanguage()): Promise<void> {
  const resources: Resource = {};
  for (const lang of LANGUAGES) {
    resources[lang] = { common: COMMON_STRINGS[lang] };
    for (const [namespace, strings] of registered) resources[lang][namespace] = strings[lang];
  }
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources,
    ns: ['common', ...registered.keys()],
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  // Not on the server, which draws the first screen with these words (first-screen.tsx).
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export { i18next };
