import { describe, expect, it } from 'vitest';
import type { JobRow } from '../../../../shared/models/job-row';
import { announcements, displayName, spoken } from './announcements';

function row(id: string, status: JobRow['status'], name: string | null = `${id}.bin`): JobRow {
  return {
    id, url: `https://example.com/files/${id}.bin?token=1`, dir: '/d', name, path: null, status, position: 0, total: 10, received: 0, speed: 0, eta: null,
    activeConnections: 0, bar: null, resumable: true, error: null, note: null, retry: null, stopping: null, stage: null, checksum: null, extractedTo: null, createdAt: 0, completedAt: null,
  };
}
const rows = (...list: JobRow[]) => new Map(list.map((r) => [r.id, r]));

describe('which changes are announced', () => {
  it('says a download completed or failed when its status turns to it', () => {
    const prev = rows(row('a', 'active'), row('b', 'verifying'), row('c', 'active'));
    const next = rows(row('a', 'completed', 'report.pdf'), row('b', 'failed'), row('c', 'active'));
    expect(announcements(prev, next)).toEqual([
      { kind: 'completed', name: 'report.pdf' },
      { kind: 'failed', name: 'b.bin' },
    ]);
  });

  it('says nothing for the first list, for new rows, for unchanged rows or for a cancellation', () => {
    const done = row('a', 'completed');
    expect(announcements(new Map(), rows(done))).toEqual([]);
    expect(announcements(rows(row('x', 'active')), rows(row('x', 'active'), row('n', 'failed')))).toEqual([]);
    expect(announcements(rows(done), rows(done))).toEqual([]);
    expect(announcements(rows(row('a', 'completed')), rows({ ...done, received: 10 }))).toEqual([]);
    expect(announcements(rows(row('a', 'active')), rows(row('a', 'cancelled')))).toEqual([]);
    expect(announcements(rows(row('a', 'active')), rows(row('a', 'paused')))).toEqual([]);
  });

  it('names a download by its address while it has no name', () => {
    expect(displayName({ name: null, url: 'https://h/a/My%20File.iso?x=1#y' })).toBe('My File.iso');
    expect(displayName({ name: null, url: 'https://h/' })).toBe('h');
    expect(displayName({ name: 'n.zip', url: 'https://h/x' })).toBe('n.zip');
  });

  it('counts instead of naming when many finish at once', () => {
    const many = ['a', 'b', 'c', 'd'].map((name) => ({ kind: 'completed' as const, name }));
    expect(spoken([...many, { kind: 'failed', name: 'z' }])).toEqual([
      { key: 'completedMany', values: { count: 4 } },
      { key: 'failed', values: { name: 'z' } },
    ]);
    expect(spoken(many.slice(0, 2))).toEqual([
      { key: 'completed', values: { name: 'a' } },
      { key: 'completed', values: { name: 'b' } },
    ]);
  });
});
