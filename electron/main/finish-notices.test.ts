import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../shared/models/job';
import { ERROR_STRINGS } from '../../shared/words/error-strings';
import { noticeFor } from './finish-notices';
import { sayError, shellLanguage, shellWords } from './shell-words';

const job = (over: Partial<JobSnapshot>): JobSnapshot => ({ id: 'a', url: 'https://me:pw@example.com/f.iso', name: null, requestedName: null, status: 'completed', error: null, ...over }) as JobSnapshot;
const all = { completed: true, failed: true };
const http404 = { code: 'HAUL_E_HTTP_STATUS' as const, message: 'Server answered 404 Not Found.', httpStatus: 404 };

describe('desktop notifications', () => {
  it('say which download finished or failed and why, as the prefs allow', () => {
    expect(noticeFor(job({ name: 'f.iso' }), all, 'en')).toEqual({ title: 'Download complete', body: 'f.iso' });
    expect(noticeFor(job({ status: 'failed', error: http404 }), all, 'en')?.body).toBe('https://me:***@example.com/f.iso: HTTP 404 Not Found');
    expect(noticeFor(job({ status: 'paused', error: { code: 'HAUL_E_DISK_FULL', message: 'The disk is full.' } }), all, 'en')).toEqual({ title: 'Download paused', body: 'https://me:***@example.com/f.iso: Disk full' });
    expect(noticeFor(job({ status: 'paused' }), all, 'en')).toBeNull();
    expect(noticeFor(job({}), { completed: false, failed: true }, 'en')).toBeNull();
    expect(noticeFor(job({ status: 'failed', error: { code: 'HAUL_E_NETWORK', message: 'x' } }), { completed: true, failed: false }, 'en')).toBeNull();
  });

  it('speak Chinese when the UI does, the error in the same words as the window', () => {
    expect(noticeFor(job({ name: '报告.pdf' }), all, 'zh-CN')).toEqual({ title: '下载完成', body: '报告.pdf' });
    expect(noticeFor(job({ name: 'f.iso', status: 'failed', error: http404 }), all, 'zh-CN')).toEqual({ title: '下载失败', body: `f.iso: ${ERROR_STRINGS['zh-CN'].http404}` });
    expect(noticeFor(job({ name: 'f.iso', status: 'failed', error: { code: 'HAUL_E_HTTP_STATUS', message: 'x', httpStatus: 418 } }), all, 'zh-CN')?.body).toBe('f.iso: HTTP 418');
    expect(noticeFor(job({ name: 'f.iso', status: 'failed' }), all, 'zh-CN')?.body).toBe(`f.iso: ${ERROR_STRINGS['zh-CN'].other}`);
  });
});

describe('the shell’s words', () => {
  it('follow the prefs, or the system’s languages when the prefs say system', () => {
    expect(shellLanguage('system', ['zh-Hans-CN', 'en-US'])).toBe('zh-CN');
    expect(shellLanguage('system', ['zh-TW'])).toBe('en');
    expect(shellLanguage('system', [])).toBe('en');
    expect(shellLanguage('en', ['zh-CN'])).toBe('en');
    expect(shellLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('have every word in both languages, and fill an error’s values', () => {
    expect(Object.keys(shellWords('zh-CN'))).toEqual(Object.keys(shellWords('en')));
    for (const w of Object.values(shellWords('zh-CN'))) expect(w).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(ERROR_STRINGS['zh-CN']).sort()).toEqual(Object.keys(ERROR_STRINGS.en).sort());
    expect(sayError({ key: 'error.http', values: { status: 451 } }, 'en')).toBe('HTTP 451');
    expect(sayError({ key: 'error.nothing-like-it' }, 'en')).toBe(ERROR_STRINGS.en.other);
  });
});
