// The languages Haul speaks, and which of them a system or browser asks for: the renderer reads
// the browser's list, the desktop's main process the operating system's.

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The first of `preferred` (BCP 47 tags, most wanted first) that Haul speaks; English otherwise. */
export function languageFor(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    // Simplified Chinese only: Traditional (Taiwan, Hong Kong, Macau) readers are better served by English than by the wrong script.
    if (/^zh(-(cn|sg|hans))?/i.test(tag) && !/^zh-(tw|hk|mo|hant)/i.test(tag)) return 'zh-CN';
    if (/^en/i.test(tag)) return 'en';
  }
  return 'en';
}
