// The write-behind writer's clock, on a fake clock: at most one periodic commit per interval,
// whoever asks (its own timer or the engine's progress flusher), and nothing lost.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryJobStore } from '../store/memory-job-store';
import type { JobRecord, JobStore } from '../store/job-store';
import { StoreWriter } from './store-writer';

function job(id: string): JobRecord {
  return {
    id, url: `http://127.0.0.1/${id}`, finalUrl: null, dir: '/tmp', requestedName: null, name: null, status: 'queued', position: 0,
    total: null, etag: null, lastModified: null, acceptRanges: null,
    options: { connections: 1, speedLimit: null, headers: {}, checksum: null, checksumUrl: null, extract: false, deleteArchive: false },
    error: null, note: null, checksum: null, extractedTo: null, placedFile: null, createdAt: 0, updatedAt: 0, completedAt: null,
  };
}

function countingStore(): { store: JobStore; commits: number[] } {
  const inner = createMemoryJobStore();
  inner.insertJobs([job('a'), job('b')]);
  const commits: number[] = [];
  return { commits, store: { ...inner, saveProgress: (e) => (commits.push(Date.now()), inner.saveProgress(e)) } };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('StoreWriter', () => {
  it('commits a burst of changes once, and the next burst no sooner than an interval later', () => {
    const { store, commits } = countingStore();
    const w = new StoreWriter(store, 500);
    w.updateJob('a', { status: 'active' });
    vi.advanceTimersByTime(1);
    expect(commits).toHaveLength(1); // the first change after a quiet spell goes at once
    for (let i = 0; i < 50; i++) {
      w.saveSegments('a', [{ start: 0, end: 100, done: i }]);
      vi.advanceTimersByTime(9);
    }
    expect(commits.length).toBeLessThanOrEqual(2);
    vi.advanceTimersByTime(500);
    expect(store.loadSegments('a')).toEqual([{ start: 0, end: 100, done: 49 }]);
    for (let i = 1; i < commits.length; i++) expect(commits[i]! - commits[i - 1]!).toBeGreaterThanOrEqual(500);
  });

  it('flushDue() right after a commit waits for the interval instead of committing again', () => {
    const { store, commits } = countingStore();
    const w = new StoreWriter(store, 500);
    w.updateJob('a', { status: 'active' });
    w.flushDue();
    expect(commits).toHaveLength(1);
    vi.advanceTimersByTime(100);
    w.updateJob('b', { status: 'active' });
    w.flushDue();
    expect(commits).toHaveLength(1);
    vi.advanceTimersByTime(400);
    expect(commits).toHaveLength(2);
    expect(store.getJob('b')?.status).toBe('active');
  });

  it('flush() commits at once whatever the clock says (shutdown)', () => {
    const { store, commits } = countingStore();
    const w = new StoreWriter(store, 500);
    w.updateJob('a', { status: 'active' });
    w.flush();
    w.updateJob('a', { status: 'paused' });
    w.flush();
    expect(commits).toHaveLength(2);
    expect(store.getJob('a')?.status).toBe('paused');
  });
});
