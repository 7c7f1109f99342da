// The preview says why an address failed in the reader's language, not in the engine's English.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { say } from '../../job-words/words';
import { previewError } from './preview-error';
import { ADD_STRINGS } from './strings';

describe('a failed probe in the preview', () => {
  it('says the HTTP status or the failure in words, in English and in Chinese', async () => {
    const inst = i18next.createInstance();
    await inst.init({ lng: 'en', resources: { en: { a: ADD_STRINGS.en }, 'zh-CN': { a: ADD_STRINGS['zh-CN'] } }, defaultNS: 'a', interpolation: { escapeValue: false } });
    const notFound = { code: 'HAUL_E_HTTP_STATUS' as const, message: 'HTTP 404 Not Found for http://h/x.iso', httpStatus: 404 };
    const teapot = { code: 'HAUL_E_HTTP_STATUS' as const, message: "HTTP 418 I'm a teapot for http://h/x", httpStatus: 418 };
    const noHost = { code: 'HAUL_E_UNKNOWN_HOST' as const, message: 'Cannot find the server h.' };
    const odd = { code: 'HAUL_E_INTERNAL' as const, message: 'something' };
    const said = (): string[] => [notFound, teapot, noHost, odd].map((e) => say(inst.t, previewError(e)));
    expect(said()).toEqual(['HTTP 404 Not Found', 'HTTP 418', 'Server not found', 'Not reachable']);
    await inst.changeLanguage('zh-CN');
    const zh = said();
    expect(zh[0]).toMatch(/^HTTP 404 [\u4e00-\u9fff]+$/);
    expect(zh[1]).toBe('HTTP 418');
    for (const s of [zh[2], zh[3]]) expect(s).toMatch(/^[\u4e00-\u9fff]+$/);
  });
});
