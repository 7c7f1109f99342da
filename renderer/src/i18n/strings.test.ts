// Every key exists in every language, for the common words and each feature's strings.ts.
import { describe, expect, it } from 'vitest';
import { COMMON_STRINGS } from './common-strings';
import { LANGUAGES, type Strings } from './i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** Plural forms differ by language (Chinese has only _other): compare the key without its suffix. */
const base = (key: string): string => key.replace(/_(zero|one|two|few|many|other)$/, '');

const features = import.meta.glob<Record<string, Strings>>('../features/*/strings.ts', { eager: true });
const all: [string, Strings][] = [['common', COMMON_STRINGS], ...Object.entries(features).flatMap(([file, mod]) => Object.values(mod).map((s): [string, Strings] => [file, s]))];

describe('strings', () => {
  it.each(all)('%s has every key in every language, and no empty text', (_name, strings) => {
    const en = new Set(keys(strings.en).map(base));
    for (const lang of LANGUAGES) {
      expect(new Set(keys(strings[lang]).map(base)), lang).toEqual(en);
      for (const k of keys(strings[lang])) expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], strings[lang]), `${lang} ${k}`).not.toBe('');
    }
  });
});
