import { describe, expect, it } from 'vitest';
import type { JobRow } from '../../../shared/models/job-row';
import { applyChanged, fromList } from './job-rows';

const row = (id: string, position: number, extra: Partial<JobRow> = {}): JobRow => ({
  id, url: `http://127.0.0.1/${id}`, dir: '/d', name: id, path: null, status: 'queued', position, total: null, received: 0,
  speed: 0, eta: null, activeConnections: 0, bar: null, resumable: false, error: null, note: null, retry: null, stopping: null,
  stage: null, checksum: null, extractedTo: null, createdAt: 0, completedAt: null, ...extra,
});
const counts = { all: 0, active: 0, queued: 0, paused: 0, completed: 0, failed: 0 };

describe('the client copy of the list', () => {
  const base = fromList({ rows: [row('b', 1), row('a', 0)], total: 2, counts, seq: 4 });

  it('orders by queue position and applies patches, new rows and removals', () => {
    expect(base.order).toEqual(['a', 'b']);
    const r = applyChanged(base, { seq: 5, rows: [{ id: 'a', received: 10, status: 'active' }, row('c', 0.5)], removed: ['b'], counts });
    expect(r.kind).toBe('applied');
    if (r.kind !== 'applied') return;
    expect(r.state.order).toEqual(['a', 'c']);
    expect(r.state.rows.get('a')).toMatchObject({ received: 10, status: 'active', name: 'a' });
    // Unchanged rows keep their object (a row component does not repaint).
    const again = applyChanged(r.state, { seq: 6, rows: [{ id: 'a', received: 20 }], removed: [], counts });
    expect(again.kind === 'applied' && again.state.rows.get('c')).toBe(r.state.rows.get('c'));
  });

  it('ignores events the list already has and asks for a new list after a gap', () => {
    expect(applyChanged(base, { seq: 4, rows: [], removed: [], counts }).kind).toBe('stale');
    expect(applyChanged(base, { seq: 6, rows: [], removed: [], counts }).kind).toBe('gap');
    expect(applyChanged(base, { seq: 5, rows: [{ id: 'zz', received: 1 }], removed: [], counts }).kind).toBe('gap');
  });

  it('applies an event merged for a slow client when it covers the next seq, and asks for a list when it starts later', () => {
    // Events 3..7 in one: a client at 4 has seen some of them; the repeated values are the latest ones.
    const merged = { since: 3, seq: 7, rows: [{ id: 'a', received: 70 }, row('c', 2)], removed: ['b'], counts };
    const r = applyChanged(base, merged);
    expect(r.kind).toBe('applied');
    if (r.kind !== 'applied') return;
    expect(r.state.seq).toBe(7);
    expect(r.state.order).toEqual(['a', 'c']);
    expect(r.state.rows.get('a')).toMatchObject({ received: 70, name: 'a' });
    expect(applyChanged(base, { ...merged, since: 5 }).kind).toBe('applied');
    expect(applyChanged(base, { ...merged, since: 6 }).kind).toBe('gap');
    expect(applyChanged(base, { ...merged, since: 2, seq: 4 }).kind).toBe('stale');
  });
});
