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

  it('skips a finished prefix next time, and sees a job made startable again after rescan()', () => {
    const index = new JobIndex();
    const list = ['a', 'b', 'c'].map((id, i) => job(id, i, 'queued'));
    for (const j of list) index.set(j);
    expect(ids(index)).toEqual(['a', 'b', 'c']);
    list[0]!.status = 'completed';
    list[1]!.status = 'failed';
    expect(ids(index)).toEqual(['c']);
    list[0]!.status = 'queued'; // retried
    index.rescan();
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
