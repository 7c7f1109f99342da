// The templated t says exactly what i18next's t says, in both languages, for plain values,
// formatted numbers, plurals, nesting and missing keys, and never mixes up languages.
import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { templated } from './word-templates';

const words = {
  en: { label: '{{name}}, {{status}}', plain: 'Paused', sized: '{{done}} of {{total}}', twice: '{{a}} and {{a}}', pct: 'Verifying {{p, number(style: percent)}}', files_one: '{{count}} file', files_other: '{{count}} files', nested: 'Paused: $t(plain)', same: '{{x}}' },
  'zh-CN': { label: '{{name}}，{{status}}', plain: '已暂停', sized: '{{done}} / {{total}}', twice: '{{a}}和{{a}}', pct: '正在校验 {{p, number(style: percent)}}', files_other: '{{count}} 个文件', nested: '已暂停：$t(plain)', same: '{{x}}' },
};

let en: i18n;
let zh: i18n;
beforeAll(async () => {
  const make = async (lng: string): Promise<i18n> => {
    const inst = i18next.createInstance();
    await inst.init({ lng, resources: { en: { t: words.en }, 'zh-CN': { t: words['zh-CN'] } }, defaultNS: 't', interpolation: { escapeValue: false } });
    return inst;
  };
  en = await make('en');
  zh = await make('zh-CN');
});

const cases: [string, Record<string, unknown>?][] = [
  ['label', { name: 'ubuntu.iso', status: 'Downloading' }],
  ['label', { name: 'a{{b}}c $t(plain) \u0000 1 \u0000', status: '<b>x</b>' }],
  ['plain'],
  ['sized', { done: '1.0 MiB', total: '2.0 MiB' }],
  ['sized', { done: 3, total: 4.5 }],
  ['twice', { a: 'x' }],
  ['pct', { p: 0.42 }],
  ['files', { count: 1 }],
  ['files', { count: 7 }],
  ['nested'],
  ['missing.key', { v: 1 }],
  ['same', { x: '' }],
  ['label', { name: 'n', status: undefined }],
];

describe('templated words', () => {
  it.each([['en'], ['zh-CN']])('say what t says in %s, the first time and every time after', (lng) => {
    const inst = lng === 'en' ? en : zh;
    const t = inst.t.bind(inst) as (key: string, values?: Record<string, unknown>) => string;
    const fast = templated(t, lng);
    for (let round = 0; round < 3; round++) for (const [key, values] of cases) expect(fast(key, values), `${key} ${JSON.stringify(values)}`).toBe(t(key, values));
  });

  it('keeps each language’s sentences apart', () => {
    const fastEn = templated(en.t.bind(en) as (key: string, values?: Record<string, unknown>) => string, 'en');
    const fastZh = templated(zh.t.bind(zh) as (key: string, values?: Record<string, unknown>) => string, 'zh-CN');
    expect(fastEn('label', { name: 'a', status: 'b' })).toBe('a, b');
    expect(fastZh('label', { name: 'a', status: 'b' })).toBe('a，b');
    expect(fastEn('label', { name: 'c', status: 'd' })).toBe('c, d');
  });
});
