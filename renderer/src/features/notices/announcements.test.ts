import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { JobRow } from '../../../../shared/models/job-row';
import { say } from '../../job-words/words';
import { announcements, displayName, spoken, wanted } from './announcements';
import { NOTICES_STRINGS } from './strings';

function row(id: string, status: JobRow['status'], over: Partial<JobRow> = {}): JobRow {
  return {
    id, url: `https://example.com/files/${id}.bin?token=1`, dir: '/d', name: `${id}.bin`, path: null, status, position: 0, total: 10, received: 0, speed: 0, eta: null,
    activeConnections: 0, bar: null, resumable: true, error: null, note: null, retry: null, stopping: null, stage: null, checksum: null, extractedTo: null, createdAt: 0, completedAt: null,
    ...over,
  };
}
const rows = (...list: JobRow[]) => new Map(list.map((r) => [r.id, r]));
const http403 = { code: 'HAUL_E_HTTP_STATUS' as const, message: 'Server answered 403 Forbidden.', httpStatus: 403 };
const diskFull = { code: 'HAUL_E_DISK_FULL' as const, message: 'The disk is full.' };

describe('which changes are announced', () => {
  it('says a download completed, failed or stopped on an error when its status turns to it', () => {
    const prev = rows(row('a', 'active'), row('b', 'verifying'), row('c', 'active'), row('d', 'active'));
    const next = rows(row('a', 'completed', { name: 'report.pdf' }), row('b', 'failed', { error: http403 }), row('c', 'active'), row('d', 'paused', { error: diskFull }));
    expect(announcements(prev, next)).toEqual([
      { kind: 'completed', name: 'report.pdf', reason: null },
      { kind: 'failed', name: 'b.bin', reason: { key: 'error.http403' } },
      { kind: 'paused', name: 'd.bin', reason: { key: 'error.diskFull' } },
    ]);
  });

  it('says nothing for the first list, for new rows, for unchanged rows, or for a pause or cancellation the user made', () => {
    const done = row('a', 'completed');
    expect(announcements(new Map(), rows(done))).toEqual([]);
    expect(announcements(rows(row('x', 'active')), rows(row('x', 'active'), row('n', 'failed')))).toEqual([]);
    expect(announcements(rows(done), rows(done))).toEqual([]);
    expect(announcements(rows(row('a', 'completed')), rows({ ...done, received: 10 }))).toEqual([]);
    expect(announcements(rows(row('a', 'active')), rows(row('a', 'cancelled')))).toEqual([]);
    expect(announcements(rows(row('a', 'active')), rows(row('a', 'paused')))).toEqual([]);
    // Still paused by the same error on a later change: said once.
    expect(announcements(rows(row('a', 'paused', { error: diskFull })), rows(row('a', 'paused', { error: diskFull, received: 3 })))).toEqual([]);
  });

  it('names a download by its address while it has no name', () => {
    expect(displayName({ name: null, url: 'https://h/a/My%20File.iso?x=1#y' })).toBe('My File.iso');
    expect(displayName({ name: null, url: 'https://h/' })).toBe('h');
    expect(displayName({ name: 'n.zip', url: 'https://h/x' })).toBe('n.zip');
  });

  it('gives the reason of a failure, and counts instead of naming when many finish at once', () => {
    const many = ['a', 'b', 'c', 'd'].map((name) => ({ kind: 'completed' as const, name, reason: null }));
    expect(spoken([...many, { kind: 'failed', name: 'z', reason: { key: 'error.http403' } }, { kind: 'failed', name: 'y', reason: null }])).toEqual([
      { kind: 'completed', key: 'completedMany', values: { count: 4 } },
      { kind: 'failed', key: 'failed', values: { name: 'z' }, reason: { key: 'error.http403' } },
      { kind: 'failed', key: 'failedNoReason', values: { name: 'y' } },
    ]);
    expect(spoken(many.slice(0, 2))).toEqual([
      { kind: 'completed', key: 'completed', values: { name: 'a' } },
      { kind: 'completed', key: 'completed', values: { name: 'b' } },
    ]);
  });

  it('notifies as the prefs ask, a pause by an error counting as a failure', () => {
    expect(wanted('completed', { completed: false, failed: true })).toBe(false);
    expect(wanted('paused', { completed: false, failed: true })).toBe(true);
    expect(wanted('failed', { completed: true, failed: false })).toBe(false);
  });
});

describe('what is said', () => {
  it('says the reason in the reader’s language, never the engine’s English', async () => {
    const inst = i18next.createInstance();
    await inst.init({ lng: 'en', resources: { en: { n: NOTICES_STRINGS.en }, 'zh-CN': { n: NOTICES_STRINGS['zh-CN'] } }, defaultNS: 'n', interpolation: { escapeValue: false } });
    const prev = rows(row('b', 'active'), row('d', 'active'));
    const next = rows(row('b', 'failed', { error: http403 }), row('d', 'paused', { error: diskFull }));
    const said = (): string[] => spoken(announcements(prev, next)).map((s) => say(inst.t, s));
    expect(said()).toEqual(['b.bin failed: HTTP 403 Forbidden', 'd.bin paused: Disk full']);
    await inst.changeLanguage('zh-CN');
    expect(said()).toEqual(['b.bin 下载失败：HTTP 403 拒绝访问', 'd.bin 已暂停：磁盘空间已满']);
  });
});
