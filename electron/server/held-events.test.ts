import { describe, expect, it } from 'vitest';
import type { JobDetail, JobRow } from '../../shared/models/job-row';
import { HeldEvents } from './held-events';

const counts = (all: number) => ({ all, active: 0, queued: all, paused: 0, completed: 0, failed: 0 });
const whole = (id: string) => ({ id, url: `http://h/${id}`, name: id, status: 'queued', position: 1, received: 0 }) as unknown as JobRow;

describe('events held for a slow client', () => {
  it('merge into one jobs.changed: patches per id (later fields win), new rows stay whole, removed ids kept, latest counts', () => {
    const held = new HeldEvents();
    held.add('jobs.changed', { seq: 5, rows: [whole('a'), { id: 'b', received: 10 }], removed: [], counts: counts(2) });
    held.add('jobs.detail', { id: 'c' } as JobDetail);
    held.add('jobs.changed', { seq: 6, rows: [{ id: 'a', received: 50, status: 'active' }, { id: 'c', received: 1 }], removed: [], counts: counts(3) });
    held.add('jobs.changed', { seq: 7, rows: [{ id: 'a', received: 70 }], removed: ['c'], counts: counts(2) });
    const [changed, ...rest] = held.take();
    expect(changed).toEqual({
      event: 'jobs.changed',
      payload: { since: 5, seq: 7, rows: [{ ...whole('a'), received: 70, status: 'active' }, { id: 'b', received: 10 }], removed: ['c'], counts: counts(2) },
    });
    // The removed job's detail is dropped with it.
    expect(rest).toEqual([]);
    expect(held.empty).toBe(true);
  });

  it('keep only the latest stats, settings, prefs and detail per job, after the rows', () => {
    const held = new HeldEvents();
    held.add('stats', { speed: 1 } as never);
    held.add('jobs.detail', { id: 'a', name: 'old' } as unknown as JobDetail);
    held.add('stats', { speed: 2 } as never);
    held.add('jobs.detail', { id: 'a', name: 'new' } as unknown as JobDetail);
    held.add('jobs.changed', { seq: 9, rows: [], removed: [], counts: counts(0) });
    expect(held.take().map((e) => [e.event, e.payload])).toEqual([
      ['jobs.changed', { since: 9, seq: 9, rows: [], removed: [], counts: counts(0) }],
      ['jobs.detail', { id: 'a', name: 'new' }],
      ['stats', { speed: 2 }],
    ]);
  });
});
