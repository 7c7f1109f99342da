import { describe, expect, it } from 'vitest';
import type { JobRow } from '../../../../shared/models/job-row';
import { applyChanged, fromList } from '../../store/job-rows';
import { createVisibleIds, type ListQuery } from './visible-ids';

const row = (id: string, position: number, extra: Partial<JobRow> = {}): JobRow => ({
  id, url: `https://example.com/${id}`, dir: '/d', name: `${id}.bin`, path: null, status: 'active', position, total: 100, received: 0,
  speed: 0, eta: null, activeConnections: 0, bar: null, resumable: true, error: null, note: null, retry: null, stopping: null,
  stage: null, checksum: null, extractedTo: null, createdAt: position, completedAt: null, ...extra,
});
const counts = { all: 3, active: 3, queued: 0, paused: 0, completed: 0, failed: 0 };
const base = fromList({ rows: [row('a', 0, { speed: 5 }), row('b', 1, { speed: 9 }), row('c', 2, { speed: 1 })], total: 3, counts, seq: 1 });
const tick = (state: typeof base, seq: number, rows: Partial<JobRow>[]) => {
  const r = applyChanged(state, { seq, rows: rows as JobRow[], removed: [], counts });
  if (r.kind !== 'applied') throw new Error(r.kind);
  return r.state;
};
const byQueue: ListQuery = { filter: 'all', search: '', sort: { key: 'queue', dir: 'asc' } };

describe('the ids the list shows', () => {
  it('filters, searches and sorts the store rows as the server would', () => {
    const ids = createVisibleIds();
    expect(ids(base, byQueue)).toEqual(['a', 'b', 'c']);
    expect(ids(base, { ...byQueue, sort: { key: 'speed', dir: 'desc' } })).toEqual(['b', 'a', 'c']);
    expect(ids(base, { ...byQueue, search: 'B.BIN' })).toEqual(['b']);
    expect(ids(base, { ...byQueue, filter: 'completed' })).toEqual([]);
  });

  it('a progress tick that changes no sort key gives back the same array', () => {
    const ids = createVisibleIds();
    const first = ids(base, byQueue);
    const next = tick(base, 2, [{ id: 'a', received: 50, speed: 100, bar: [[0, 1000, 500, 1]] }]);
    expect(ids(next, byQueue)).toBe(first);
    // Sorted by size, a speed change moves nothing either.
    const bySize: ListQuery = { ...byQueue, sort: { key: 'size', dir: 'desc' } };
    const sized = ids(next, bySize);
    expect(ids(tick(next, 3, [{ id: 'b', speed: 1 }]), bySize)).toBe(sized);
  });

  it('re-sorts when the sort key moved a row, and re-filters when a status changed', () => {
    const ids = createVisibleIds();
    const bySpeed: ListQuery = { ...byQueue, sort: { key: 'speed', dir: 'desc' } };
    expect(ids(base, bySpeed)).toEqual(['b', 'a', 'c']);
    const faster = tick(base, 2, [{ id: 'c', speed: 50 }]);
    expect(ids(faster, bySpeed)).toEqual(['c', 'b', 'a']);
    const active: ListQuery = { ...byQueue, filter: 'active' };
    expect(ids(faster, active)).toEqual(['a', 'b', 'c']);
    expect(ids(tick(faster, 3, [{ id: 'b', status: 'completed' }]), active)).toEqual(['a', 'c']);
  });

  it('a change of speed that leaves the order as it was keeps the array', () => {
    const ids = createVisibleIds();
    const bySpeed: ListQuery = { ...byQueue, sort: { key: 'speed', dir: 'desc' } };
    const first = ids(base, bySpeed);
    expect(ids(tick(base, 2, [{ id: 'b', speed: 10 }]), bySpeed)).toBe(first);
  });
});
