// Every status, retry, stage and error case, rendered in both languages with the real words.
import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../../../shared/errors';
import type { JobRow } from '../../../../shared/models/job-row';
import { etaWords } from './eta-words';
import { hasRowIcon } from './row-icon-set';
import type { Words } from '../../job-words/words';
import { describeStatus, type StatusWords } from './status-words';
import { TASK_LIST_STRINGS } from './strings';

const row = (extra: Partial<JobRow> = {}): JobRow => ({
  id: 'j', url: 'https://example.com/a.iso', dir: '/d', name: 'a.iso', path: null, status: 'queued', position: 0, total: 1000, received: 0,
  speed: 0, eta: null, activeConnections: 0, bar: null, resumable: true, error: null, note: null, retry: null, stopping: null,
  stage: null, checksum: null, extractedTo: null, createdAt: 0, completedAt: null, ...extra,
});
const NOW = 1_000_000;
let en: i18n;
let zh: i18n;

async function make(lng: string): Promise<i18n> {
  const inst = i18next.createInstance();
  await inst.init({ lng, resources: { en: { t: TASK_LIST_STRINGS.en }, 'zh-CN': { t: TASK_LIST_STRINGS['zh-CN'] } }, defaultNS: 't', interpolation: { escapeValue: false } });
  return inst;
}

/** Words with a reason inside, as the cell says them. */
const sayWords = (t: i18n, w: Words): string => t.t(w.key, { ...w.values, ...(w.reason && { reason: sayWords(t, w.reason) }) });
const say = (t: i18n, w: StatusWords): string => {
  const text = sayWords(t, w);
  return w.hint ? `${text} | ${t.t(w.hint.key)}` : text;
};
const both = (r: JobRow): [string, string] => {
  const w = describeStatus(r, NOW);
  // The icon is drawn in the tone's colour only for pairs the icon stylesheet has.
  expect(hasRowIcon(w.icon, w.tone), `${w.icon} icon in ${w.tone}`).toBe(true);
  return [say(en, w), say(zh, w)];
};
const failed = (error: ErrorInfo): JobRow => row({ status: 'failed', error });

beforeAll(async () => {
  en = await make('en');
  zh = await make('zh-CN');
});

describe('time left in words', () => {
  it('reads in each language, in its two largest units', () => {
    const both = (s: number | null): [string, string] => [etaWords(s, (k, v) => en.t(k, v)), etaWords(s, (k, v) => zh.t(k, v))];
    expect(both(45)).toEqual(['45s', '45 秒']);
    expect(both(185)).toEqual(['3m 05s', '3 分 05 秒']);
    expect(both(7380)).toEqual(['2h 03m', '2 小时 03 分']);
    expect(both(4 * 86_400 + 7 * 3600)).toEqual(['4d 07h', '4 天 07 小时']);
    expect(both(200 * 86_400)).toEqual(['>99d', '超过 99 天']);
    expect(both(null)).toEqual(['', '']);
    expect(both(Infinity)).toEqual(['', '']);
  });
});

describe('status in words', () => {
  it('says what a download is doing, with one tone and icon each', () => {
    expect(both(row({ status: 'queued' }))).toEqual(['Queued', '排队中']);
    expect(both(row({ status: 'active', received: 5, speed: 10 }))).toEqual(['Downloading', '正在下载']);
    expect(both(row({ status: 'active' }))).toEqual(['Connecting…', '正在连接…']);
    expect(both(row({ status: 'paused' }))).toEqual(['Paused', '已暂停']);
    expect(both(row({ status: 'completed' }))).toEqual(['Completed', '已完成']);
    expect(both(row({ status: 'completed', checksum: { algo: 'sha256', hex: 'ab', ok: true } }))).toEqual(['Completed, checksum OK', '已完成，校验通过']);
    expect(both(row({ status: 'cancelled' }))).toEqual(['Cancelled', '已取消']);
    const tones = (['queued', 'active', 'paused', 'verifying', 'completed', 'failed'] as const).map((status) => describeStatus(row({ status, received: 1 }), NOW).tone);
    expect(tones).toEqual(['queued', 'active', 'paused', 'verify', 'done', 'failed']);
  });

  it('names the server a download waits on for a free connection, queued or running', () => {
    const url = 'https://user:***@mirror.example.org:8443/big.iso';
    expect(both(row({ status: 'queued', url, waiting: 'host' }))).toEqual(['Waiting for a free connection to mirror.example.org', '等待 mirror.example.org 的空闲连接']);
    expect(both(row({ status: 'active', url, waiting: 'host', received: 10 }))).toEqual(['Waiting for a free connection to mirror.example.org', '等待 mirror.example.org 的空闲连接']);
    // The cell shows fewer words; the row's name and tooltip keep the sentence.
    expect(describeStatus(row({ status: 'queued', url, waiting: 'host' }), 0).short).toEqual({ key: 'status.waitingForHostShort', values: { host: 'mirror.example.org' } });
    expect(describeStatus(row({ status: 'active', waiting: 'host' }), NOW).tone).toBe('queued');
    expect(both(row({ status: 'queued', waiting: null }))).toEqual(['Queued', '排队中']);
  });

  it('says a stop the user asked for is under way, whatever the status', () => {
    expect(both(row({ status: 'active', stopping: 'pause' }))).toEqual(['Pausing…', '正在暂停…']);
    expect(both(row({ status: 'active', stopping: 'cancel' }))).toEqual(['Cancelling…', '正在取消…']);
    expect(both(row({ status: 'extracting', stopping: 'remove' }))).toEqual(['Removing…', '正在删除…']);
  });

  it('counts down to the next try, then says the try is under way', () => {
    const retry = { reason: 'connection reset', code: 'HAUL_E_NETWORK' as const, attempt: 1, maxTries: 5, at: NOW + 3_200 };
    expect(both(row({ status: 'active', retry }))).toEqual(['Retrying in 4 s (2 of 5)', '4 秒后重试（第 2 次，共 5 次）']);
    expect(describeStatus(row({ status: 'active', retry }), NOW)).toMatchObject({ tone: 'paused', icon: 'retrying', note: { key: 'error.network' }, detail: 'connection reset' });
    expect(describeStatus(row({ status: 'active', retry: { ...retry, code: 'HAUL_E_HTTP_STATUS', httpStatus: 503 } }), NOW).note).toEqual({ key: 'error.http503' });
    expect(both(row({ status: 'active', retry: { ...retry, at: NOW - 1 } }))).toEqual(['Retrying (2 of 5)', '正在重试（第 2 次，共 5 次）']);
  });

  it('gives verifying and extracting their own progress, with counts for the language', () => {
    expect(both(row({ status: 'verifying', stage: { done: 456, total: 1000 } }))).toEqual(['Verifying 45%', '正在校验 45%']);
    expect(both(row({ status: 'verifying' }))).toEqual(['Verifying…', '正在校验…']);
    expect(both(row({ status: 'extracting', stage: { done: 300, total: 1000, entries: 1204 } }))).toEqual(['Extracting 30% (1,204 files)', '正在解压 30%（已解压 1,204 个文件）']);
    expect(both(row({ status: 'extracting', stage: { done: 300, total: 1000, entries: 1 } }))[0]).toBe('Extracting 30% (1 file)');
    expect(both(row({ status: 'extracting', stage: { done: 300, total: null, entries: 12 } }))).toEqual(['Extracting (12 files so far)', '正在解压（已解压 12 个文件）']);
    // A zip lists its entries up front: how many of how many.
    expect(both(row({ status: 'extracting', stage: { done: 300, total: 1000, entries: 1204, entriesTotal: 5451 } }))).toEqual(['Extracting 1,204 of 5,451 files', '正在解压 1,204 / 5,451 个文件']);
    expect(both(row({ status: 'extracting', stage: { done: 0, total: 1000, entries: 0, entriesTotal: 1 } }))[0]).toBe('Extracting 0 of 1 file');
    // Never 100% before the end.
    expect(both(row({ status: 'verifying', stage: { done: 999, total: 1000 } }))[0]).toBe('Verifying 99%');
  });

  it('puts errors in plain words with the HTTP status, and a hint where the user can act', () => {
    const e403: ErrorInfo = { code: 'HAUL_E_HTTP_STATUS', message: 'HTTP 403', httpStatus: 403 };
    expect(both(failed(e403))).toEqual(['HTTP 403 Forbidden | Link expired? Change address…', 'HTTP 403 拒绝访问 | 链接过期了？更改地址…']);
    expect(describeStatus(failed(e403), NOW)).toMatchObject({ tone: 'failed', icon: 'failed', detail: 'HTTP 403', hint: { action: 'changeAddress' } });
    expect(both(failed({ code: 'HAUL_E_HTTP_STATUS', message: 'x', httpStatus: 418 }))).toEqual(['HTTP 418', 'HTTP 418']);
    expect(both(failed({ code: 'HAUL_E_HTTP_STATUS', message: 'x', httpStatus: 503 }))[0]).toBe('HTTP 503 Service Unavailable | Server busy. Retry later');
    expect(both(failed({ code: 'HAUL_E_DISK_FULL', message: 'ENOSPC' }))).toEqual(['Disk full | Free some space, then Retry', '磁盘空间已满 | 请清理磁盘空间后重试']);
    expect(both(failed({ code: 'HAUL_E_UNKNOWN_HOST', message: 'ENOTFOUND' }))[0]).toBe('Server not found | Check the connection, then Retry');
    expect(both(failed({ code: 'HAUL_E_CHECKSUM_MISMATCH', message: 'x' }))[0]).toBe("Checksum doesn't match | Retry downloads it again");
    expect(both(failed({ code: 'HAUL_E_ARCHIVE_CORRUPT', message: 'x' }))).toEqual(['Archive is damaged', '压缩包已损坏']);
    expect(both(failed({ code: 'HAUL_E_INTERNAL', message: 'boom' }))).toEqual(['Failed', '失败']);
    expect(both(row({ status: 'failed' }))).toEqual(['Failed', '失败']);
  });

  it('has words for every error code the engine sends', async () => {
    const { ERROR_CODES } = await import('../../../../shared/errors');
    for (const code of ERROR_CODES) {
      const w = describeStatus(failed({ code, message: 'm' }), NOW);
      expect(en.exists(w.key), code).toBe(true);
      expect(zh.t(w.key), code).not.toBe(w.key);
    }
  });

  it('puts a note in the tooltip in the UI language, and the engine’s English only for errors and retries', () => {
    const note = (r: JobRow): [string, string] => {
      const w = describeStatus(r, NOW);
      expect(w.detail, r.status).toBeNull();
      expect(w.note, r.status).toBeDefined();
      return [sayWords(en, w.note!), sayWords(zh, w.note!)];
    };
    const throttled = { kind: 'throttled', status: 503 } as const;
    const said = ['The server answered 503; using fewer connections to it.', '服务器返回了 503，已减少与它的连接数。'];
    for (const status of ['queued', 'active', 'paused', 'completed', 'failed'] as const) expect(note(row({ status, received: 5, speed: 1, note: throttled }))).toEqual(said);
    expect(note(row({ status: 'queued', waiting: 'host', note: throttled }))).toEqual(said);
    expect(note(row({ status: 'completed', note: { kind: 'restarted', cause: { why: 'partMissing' } } }))).toEqual([
      'Restarted from zero: the partial file was missing.',
      '已从头重新下载：下载的临时文件已丢失。',
    ]);
    // No note, no words to make for it.
    expect(describeStatus(row({ status: 'completed' }), NOW).note).toBeUndefined();
  });

  it('a download paused by an error says the error', () => {
    const r = row({ status: 'paused', error: { code: 'HAUL_E_HTTP_STATUS', message: 'HTTP 410', httpStatus: 410 } });
    expect(both(r)).toEqual(['Paused: HTTP 410 Gone | Link expired? Change address…', '已暂停：HTTP 410 链接已失效 | 链接过期了？更改地址…']);
  });
});
