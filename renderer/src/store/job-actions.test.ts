import { describe, expect, it } from 'vitest';
import type { JobRow } from '../../../shared/models/job-row';
import { anySelected, canCancel, canChangeAddress, canExtract, canMove, canPause, canResume, canRetry, canVerify, pauseOrResume, selectedIds } from './job-actions';
import { fromList } from './job-rows';

const row = (id: string, position: number, extra: Partial<JobRow> = {}): JobRow => ({
  id, url: `http://127.0.0.1/${id}`, dir: '/d', name: id, path: null, status: 'queued', position, total: null, received: 0,
  speed: 0, eta: null, activeConnections: 0, bar: null, resumable: false, error: null, note: null, retry: null, stopping: null,
  stage: null, checksum: null, extractedTo: null, createdAt: 0, completedAt: null, ...extra,
});
const counts = { all: 0, active: 0, queued: 0, paused: 0, completed: 0, failed: 0 };
const list = fromList({
  rows: [row('run', 0, { status: 'active' }), row('wait', 1), row('held', 2, { status: 'paused' }), row('done', 3, { status: 'completed', completedAt: 1 }), row('bad', 4, { status: 'failed' }), row('stopping', 5, { status: 'active', stopping: 'pause' })],
  total: 6, counts, seq: 1,
});
const pick = (...ids: string[]) => ({ list, selection: new Set(ids) });

describe('what can be done to the selected downloads', () => {
  it('follows what the scheduler accepts for each status', () => {
    const r = (id: string) => list.rows.get(id)!;
    expect(['run', 'wait', 'held', 'done', 'bad', 'stopping'].filter((id) => canPause(r(id)))).toEqual(['run', 'wait']);
    expect(['run', 'wait', 'held', 'done', 'bad', 'stopping'].filter((id) => canResume(r(id)))).toEqual(['held', 'stopping']);
    expect(['run', 'wait', 'held', 'done', 'bad', 'stopping'].filter((id) => canRetry(r(id)))).toEqual(['bad']);
    expect(['run', 'wait', 'held', 'done', 'bad', 'stopping'].filter((id) => canCancel(r(id)))).toEqual(['run', 'wait', 'held', 'bad', 'stopping']);
    expect(['run', 'wait', 'held', 'done', 'bad'].filter((id) => canChangeAddress(r(id)))).toEqual(['run', 'wait', 'held', 'bad']);
  });

  it('moves unfinished downloads, verifies finished files and extracts only finished archives', () => {
    const r = (id: string) => list.rows.get(id)!;
    expect(['run', 'wait', 'held', 'done', 'bad'].filter((id) => canMove(r(id)))).toEqual(['run', 'wait', 'held', 'bad']);
    const finished = (name: string, extra: Partial<JobRow> = {}) => row(name, 9, { status: 'completed', completedAt: 1, path: `/d/${name}`, ...extra });
    expect(canVerify(finished('a.iso'))).toBe(true);
    expect(canVerify(finished('a.iso', { path: null }))).toBe(false);
    expect(canVerify(row('a.iso', 9, { status: 'verifying', completedAt: 1, path: '/d/a.iso' }))).toBe(false);
    const names = ['src.tar.gz', 'photos.ZIP', 'logs.tar.xz', 'data.tbz2', 'dump.gz', 'a.iso', 'zip.txt', 'tarball'];
    expect(names.filter((n) => canExtract(finished(n)))).toEqual(['src.tar.gz', 'photos.ZIP', 'logs.tar.xz', 'data.tbz2', 'dump.gz']);
    expect(canExtract(row('src.zip', 9, { status: 'paused', path: '/d/src.zip' }))).toBe(false);
  });

  it('sends the selected ids in queue order, skipping rows that went away', () => {
    expect(selectedIds(pick('bad', 'run', 'gone', 'wait'))).toEqual(['run', 'wait', 'bad']);
    expect(selectedIds(pick('bad', 'run', 'wait'), canPause)).toEqual(['run', 'wait']);
    expect(anySelected(pick('done', 'gone'), canRetry)).toBe(false);
    expect(anySelected(pick('done', 'bad'), canRetry)).toBe(true);
  });

  it('Space pauses what runs, or resumes when nothing selected runs', () => {
    expect(pauseOrResume(pick('run', 'held'))).toEqual({ channel: 'jobs.pause', ids: ['run'] });
    expect(pauseOrResume(pick('held', 'stopping', 'done'))).toEqual({ channel: 'jobs.resume', ids: ['held', 'stopping'] });
    expect(pauseOrResume(pick('done')).ids).toEqual([]);
  });
});
