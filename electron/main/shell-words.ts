// The desktop shell's own words (the tray's menu, the notifications) in each language Haul speaks.
// The main process has no i18next: a handful of sentences, and the errors' words shared with the
// renderer (shared/words), said with their values filled in.
import { ERROR_STRINGS } from '../../shared/words/error-strings';
import { languageFor, type Language } from '../../shared/words/language';
import type { Words } from '../../shared/words/words';
import type { Prefs } from '../../shared/models/prefs';

const SHELL = {
  en: {
    show: 'Show Haul',
    pauseAll: 'Pause all',
    resumeAll: 'Resume all',
    quit: 'Quit',
    completed: 'Download complete',
    failed: 'Download failed',
    paused: 'Download paused',
  },
  'zh-CN': {
    show: '显示 Haul',
    pauseAll: '全部暂停',
    resumeAll: '全部继续',
    quit: '退出',
    completed: '下载完成',
    failed: '下载失败',
    paused: '下载已暂停',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type ShellWords = (typeof SHELL)[Language];

export function shellWords(language: Language): ShellWords {
  return SHELL[language];
}

/** The language the prefs ask for; "system" follows the operating system's list. */
export function shellLanguage(pref: Prefs['language'], systemPreferred: readonly string[]): Language {
  return pref === 'system' ? languageFor(systemPreferred) : pref;
}

/** An error's words in `language` (the error strings' keys are `error.*`). */
export function sayError(words: Words, language: Language): string {
  const strings = ERROR_STRINGS[language];
  const text = strings[words.key.replace(/^error\./, '')] ?? strings.other!;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => String(words.values?.[name] ?? whole));
}
