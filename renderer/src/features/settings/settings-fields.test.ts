import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { MIB } from '../../../../shared/models/settings';
import { checkFolder, checkProxy, checkSetting, formatSize, parseCount, parseRate, parseSeconds, parseSize, rateDraft, readField, secondsDraft, sizeDraft, splitSize, type Problem } from './settings-fields';
import { SETTINGS_STRINGS } from './strings';

describe('settings in people’s units', () => {
  it('shows a size in the largest unit that keeps it whole', () => {
    expect(splitSize(MIB)).toEqual({ text: '1', unit: 'MiB' });
    expect(splitSize(64 * 1024)).toEqual({ text: '64', unit: 'KiB' });
    expect(splitSize(1536 * 1024)).toEqual({ text: '1536', unit: 'KiB' });
    expect(splitSize(3 * 1024 * MIB)).toEqual({ text: '3', unit: 'GiB' });
    expect(splitSize(1000)).toEqual({ text: '0.98', unit: 'KiB' });
    expect(formatSize(64 * 1024)).toBe('64 KiB');
  });

  it('reads typed sizes, rates and seconds back into bytes and milliseconds', () => {
    expect(parseSize({ text: '1.5', unit: 'MiB' })).toEqual({ ok: true, value: 1.5 * MIB });
    expect(parseRate({ text: '500', unit: 'KiB' })).toEqual({ ok: true, value: 500 * 1024 });
    expect(parseSeconds({ text: '2,5' })).toEqual({ ok: true, value: 2500 });
    expect(parseCount({ text: ' 8 ' })).toEqual({ ok: true, value: 8 });
  });

  it('round-trips every stored value through the form', () => {
    for (const bytes of [64 * 1024, MIB, 7 * MIB, 1024 * MIB]) expect(parseSize(sizeDraft(bytes))).toEqual({ ok: true, value: bytes });
    for (const rate of [1024, 250 * 1024, 12 * MIB]) expect(parseRate(rateDraft(rate))).toEqual({ ok: true, value: rate });
    for (const ms of [100, 15_000, 600_000]) expect(parseSeconds(secondsDraft(ms))).toEqual({ ok: true, value: ms });
    expect(rateDraft(null)).toEqual({ text: '', unit: 'MiB' });
  });

  it('refuses what is not a number, or not whole where it must be', () => {
    expect(parseCount({ text: '' })).toEqual({ ok: false, problem: { key: 'required' } });
    expect(parseCount({ text: 'eight' })).toEqual({ ok: false, problem: { key: 'number' } });
    expect(parseCount({ text: '1.5' })).toEqual({ ok: false, problem: { key: 'whole' } });
    expect(parseSize({ text: '-1', unit: 'MiB' })).toEqual({ ok: false, problem: { key: 'number' } });
  });
});

describe('validation against the shared schema', () => {
  it('names the bound in the field’s own unit', () => {
    expect(readField('minSplitSize', parseSize, { text: '10', unit: 'KiB' })).toEqual({ ok: false, problem: { key: 'min', values: { min: '64 KiB' } } });
    expect(readField('minSplitSize', parseSize, { text: '2', unit: 'GiB' })).toEqual({ ok: false, problem: { key: 'max', values: { max: '1 GiB' } } });
    expect(readField('connectTimeoutMs', parseSeconds, { text: '0.05' })).toEqual({ ok: false, problem: { key: 'min', values: { min: '0.1' } } });
    expect(readField('maxJobs', parseCount, { text: '0' })).toEqual({ ok: false, problem: { key: 'min', values: { min: '1' } } });
    expect(readField('connectionsPerJob', parseCount, { text: '65' })).toEqual({ ok: false, problem: { key: 'max', values: { max: '64' } } });
    expect(readField('maxJobs', parseCount, { text: '3' })).toEqual({ ok: true, value: 3 });
  });

  it('refuses an empty user agent and an overlong proxy', () => {
    expect(checkSetting('userAgent', '')).toEqual({ key: 'required' });
    expect(checkSetting('proxyUrl', `http://${'a'.repeat(2100)}`)).toEqual({ key: 'tooLong', values: { count: 2048 } });
  });

  it('takes only proxy addresses the engine can use, and only full folder paths', () => {
    expect(checkProxy('')).toBeNull();
    expect(checkProxy('socks5h://127.0.0.1:1080')).toBeNull();
    expect(checkProxy('http://user:pw@proxy:8080')).toBeNull();
    expect(checkProxy('proxy:8080')).toEqual({ key: 'proxy' });
    expect(checkProxy('ftp://proxy')).toEqual({ key: 'proxy' });
    expect(checkFolder('/home/me/Downloads')).toBeNull();
    expect(checkFolder('D:\\Downloads')).toBeNull();
    expect(checkFolder('Downloads')).toEqual({ key: 'fullPath' });
    expect(checkFolder(' ')).toEqual({ key: 'required' });
  });

  it('says each problem in plain words in both languages', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { settings: SETTINGS_STRINGS.en }, 'zh-CN': { settings: SETTINGS_STRINGS['zh-CN'] } }, interpolation: { escapeValue: false } });
    const say = (p: Problem, lng = 'en') => i18n.t(`settings:problem.${p.key}`, { ...p.values, lng });
    const tooSmall = readField('minSplitSize', parseSize, { text: '10', unit: 'KiB' });
    expect(tooSmall.ok).toBe(false);
    if (tooSmall.ok) return;
    expect(say(tooSmall.problem)).toBe('Must be at least 64 KiB.');
    expect(say(tooSmall.problem, 'zh-CN')).toBe('不能小于 64 KiB。');
    expect(say(checkSetting('proxyUrl', 'x'.repeat(3000))!)).toBe('Too long: at most 2048 characters.');
    expect(say({ key: 'server', values: { message: 'The proxy address is not usable.' } })).toBe('The proxy address is not usable.');
  });
});
