import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/models/job';
import type { JobRecord } from '../store/job-store';
import { JobIndex } from './job-index';

function job(id: string, position: number, status: JobStatus): JobRecord {
  return {
    id, url: `http://127.0.0.1/${id}`, finalUrl: null, dir: '/tmp', requestedName: null, name: null, status, position,
    total: null, etag: null, lastModified: null, acceptRanges: null,
    options: { connections: 1, speedLimit: null, headers: {}, checksum: null, checksumUrl: null, extract: false, deleteArchive: false },
    error: null, note: null, checksum: null, extractedTo: null, placedFile: null, createdAt: 0, updatedAt: 0, completedAt: null,
  };
}

const ids = (index: JobIndex): string[] => [...index.startable()].map((j) => j.id);

describe('JobIndex.startable', () => {
  it('yields queued and extracting jobs in queue order', () => {
    const index = new JobIndex();
    index.set(job('c', 2, 'queued'));
    index.set(job('a', 0, 'completed'));
    index.set(job('b', 1, 'extracting'));
    index.set(job('d', 3, 'paused'));
    expect(ids(index)).toEqual(['b', 'c']);
  });

  it('skips a finished prefix next time, and sees a job made startable again', () => {
    const index = new JobIndex();
    const list = ['a', 'b', 'c'].map((id, i) => job(id, i, 'queued'));
    for (const j of list) index.set(j);
    expect(ids(index)).toEqual(['a', 'b', 'c']);
    index.patch('a', { status: 'completed' });
    index.patch('b', { status: 'failed' });
    expect(ids(index)).toEqual(['c']);
    index.patch('a', { status: 'queued' }); // retried
    expect(ids(index)).toEqual(['a', 'c']);
  });

  it('only yields jobs in scope, and new ones once allowed', () => {
    const index = new JobIndex();
    index.set(job('a', 0, 'queued'));
    index.set(job('b', 1, 'queued'));
    index.limitTo(new Set(['b']));
    expect(ids(index)).toEqual(['b']);
    index.allow(['a']);
    expect(ids(index)).toEqual(['a', 'b']);
  });
});

describe('JobIndex order and counts', () => {
  const order = (index: JobIndex): string[] => index.list().map((j) => j.id);

  it('keeps queue order as jobs come, move and go, equal positions in the order they came', () => {
    const index = new JobIndex();
    index.set(job('b', 1, 'queued'));
    index.set(job('d', 3, 'queued'));
    index.set(job('a', 0, 'queued'));
    index.set(job('c', 1, 'queued'));
    expect(order(index)).toEqual(['a', 'b', 'c', 'd']);
    expect(index.nextPosition()).toBe(4);
    expect(index.reposition([{ id: 'd', position: -1 }, { id: 'a', position: 0 }])).toEqual(['d']);
    expect(order(index)).toEqual(['d', 'a', 'b', 'c']);
    index.delete('b');
    index.delete('nope');
    expect(order(index)).toEqual(['d', 'a', 'c']);
    expect(index.indexOf(index.get('c')!)).toBe(2);
    index.patch('d', { position: 2.5 });
    expect(order(index)).toEqual(['a', 'c', 'd']);
    expect(index.nextPosition()).toBe(3);
  });

  it('counts jobs per status as they change, come and go', () => {
    const index = new JobIndex();
    index.set(job('a', 0, 'queued'));
    index.set(job('b', 1, 'completed'));
    index.set(job('c', 2, 'failed'));
    index.patch('a', { status: 'active' });
    index.patch('c', { status: 'queued' });
    index.delete('b');
    expect(index.statusCounts()).toMatchObject({ active: 1, queued: 1, completed: 0, failed: 0, paused: 0 });
    index.patch('a', { status: 'completed' });
    expect(index.statusCounts()).toMatchObject({ active: 0, queued: 1, completed: 1 });
  });
});
