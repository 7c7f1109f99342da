import { describe, expect, it } from 'vitest';
import { queryRows, type JobQuery } from './job-query';
import type { JobRow } from './models/job-row';

function row(id: string, position: number, over: Partial<JobRow>): JobRow {
  return {
    id, url: `https://example.com/${id}`, dir: '/tmp', name: id, path: null, status: 'active', position,
    total: null, received: 0, speed: 0, eta: null, activeConnections: 0, bar: null, resumable: true, error: null,
    note: null, retry: null, stopping: null, waiting: null, stage: null, checksum: null, extractedTo: null,
    createdAt: position, completedAt: null, ...over,
  };
}

const rows: JobRow[] = [
  row('unknown-a', 0, {}),
  row('small', 1, { total: 100, received: 90, eta: 5, completedAt: 20 }),
  row('unknown-b', 2, {}),
  row('big', 3, { total: 5000, received: 500, eta: 60, completedAt: 10 }),
];

function order(key: JobQuery['sort']['key'], dir: 'asc' | 'desc'): string[] {
  return queryRows(rows, { filter: 'all', search: '', sort: { key, dir }, offset: 0, limit: 100 }).rows.map((r) => r.id);
}

describe('queryRows sorting', () => {
  for (const key of ['size', 'eta', 'progress', 'completed'] as const) {
    it(`keeps rows with an unknown ${key} last, in queue order, both ways`, () => {
      const asc = order(key, 'asc');
      const desc = order(key, 'desc');
      expect(asc.slice(2)).toEqual(['unknown-a', 'unknown-b']);
      expect(desc.slice(2)).toEqual(['unknown-a', 'unknown-b']);
      expect(desc.slice(0, 2)).toEqual([...asc.slice(0, 2)].reverse());
    });
  }

  it('orders known sizes both ways', () => {
    expect(order('size', 'asc')).toEqual(['small', 'big', 'unknown-a', 'unknown-b']);
    expect(order('size', 'desc')).toEqual(['big', 'small', 'unknown-a', 'unknown-b']);
  });

  it('reverses keys every row has, ties in queue order', () => {
    expect(order('queue', 'desc')).toEqual(['big', 'unknown-b', 'small', 'unknown-a']);
    expect(order('speed', 'desc')).toEqual(['unknown-a', 'small', 'unknown-b', 'big']);
  });
});
