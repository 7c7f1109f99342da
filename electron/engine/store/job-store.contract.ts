// One behaviour suite for every JobStore. Each implementation's test file runs it with a factory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HaulError, type HaulErrorCode } from '../../../shared/errors';
import type { JobRecord, JobStore, SegmentRecord } from './job-store';

export interface JobStoreHandle {
  store: JobStore;
  /** Closes the current store and opens a new one over the same data (persistent stores only). */
  reopen?: () => JobStore;
  /** Closes whatever is open and removes any files. */
  cleanup: () => void;
}

export function makeJob(id: string, overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id,
    url: `http://127.0.0.1/${id}.bin`,
    finalUrl: null,
    dir: '/downloads',
    requestedName: null,
    name: null,
    status: 'queued',
    position: 0,
    total: null,
    etag: null,
    lastModified: null,
    acceptRanges: null,
    options: { connections: 8, speedLimit: null, headers: {} },
    error: null,
    note: null,
    checksum: null,
    extractedTo: null,
    placedFile: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    completedAt: null,
    ...overrides,
  };
}

export function expectHaulError(fn: () => unknown, code: HaulErrorCode): HaulError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(HaulError);
  expect((caught as HaulError).code).toBe(code);
  return caught as HaulError;
}

/** Factories, not constants: a store that leaks references must not be able to corrupt the expectation. */
const fullJob = (): JobRecord =>
  makeJob('full', {
    finalUrl: 'http://127.0.0.1/mirror/full.bin',
    requestedName: 'wanted.iso',
    name: 'wanted.iso',
    status: 'failed',
    position: 7,
    total: 5_000_000_000_123, // beyond 32 bits, as big files are
    etag: '"abc"',
    lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT',
    acceptRanges: true,
    options: { connections: 16, speedLimit: 1_000_000, headers: { Cookie: 'a=b', Referer: 'http://x/' } },
    error: { code: 'HAUL_E_HTTP_STATUS', message: 'Server answered 404' },
    note: { kind: 'restarted', cause: { why: 'changed', what: 'size', before: '100', after: '200' } },
    placedFile: { size: 5_000_000_000_123, dev: 2049, ino: 9_007_199_254_740_000, mtimeMs: 1_700_000_001_999.123 },
    updatedAt: 1_700_000_001_000,
    completedAt: 1_700_000_002_000,
  });

const segs = (): SegmentRecord[] => [
  { start: 0, end: 1000, done: 1000 },
  { start: 1000, end: 2000, done: 250 },
  { start: 2000, end: 3000, done: 0 },
];

/** `persistent` stores (SQLite) also promise that a reopen sees everything; the memory twin can't. */
export function describeJobStoreContract(name: string, open: () => JobStoreHandle, options: { persistent: boolean } = { persistent: false }): void {
  describe(`${name}: JobStore contract`, () => {
    let h: JobStoreHandle;
    let store: JobStore;
    beforeEach(() => {
      h = open();
      store = h.store;
    });
    afterEach(() => h.cleanup());

    describe('jobs', () => {
      it('returns every field as stored, including nulls and booleans', () => {
        const sparse = makeJob('sparse', { acceptRanges: false, position: 1 });
        store.insertJobs([fullJob(), sparse]);
        expect(store.getJob('full')).toEqual(fullJob());
        expect(store.getJob('sparse')).toEqual(sparse);
        expect(store.getJob('nope')).toBeUndefined();
      });

      it('lists jobs by position, equal positions in insertion order', () => {
        store.insertJobs([
          makeJob('c', { position: 3 }),
          makeJob('a', { position: 1 }),
          makeJob('half', { position: 1.5 }),
          makeJob('b', { position: 2 }),
          makeJob('a2', { position: 1 }),
        ]);
        expect(store.listJobs().map((j) => j.id)).toEqual(['a', 'a2', 'half', 'b', 'c']);
      });

      it('refuses a duplicate id and inserts nothing from that batch', () => {
        store.insertJobs([makeJob('x')]);
        expectHaulError(() => store.insertJobs([makeJob('y'), makeJob('x')]), 'HAUL_E_INVALID_INPUT');
        expectHaulError(() => store.insertJobs([makeJob('z'), makeJob('z')]), 'HAUL_E_INVALID_INPUT');
        expect(store.listJobs().map((j) => j.id)).toEqual(['x']);
        store.insertJobs([]);
        expect(store.listJobs()).toHaveLength(1);
      });

      it('updateJob changes only the patched fields', () => {
        store.insertJobs([fullJob()]);
        store.updateJob('full', { status: 'active', total: 42, acceptRanges: false, updatedAt: 5 });
        expect(store.getJob('full')).toEqual({ ...fullJob(), status: 'active', total: 42, acceptRanges: false, updatedAt: 5 });
      });

      it('updateJob writes explicit nulls and ignores undefined', () => {
        store.insertJobs([fullJob()]);
        store.updateJob('full', { name: null, error: null, acceptRanges: null, completedAt: null, etag: undefined });
        expect(store.getJob('full')).toEqual({
          ...fullJob(),
          name: null,
          error: null,
          acceptRanges: null,
          completedAt: null,
        });
      });

      it('updateJob replaces options and error as whole values', () => {
        store.insertJobs([fullJob()]);
        const options = { connections: 1, speedLimit: null, headers: { 'X-Only': '1' } };
        const error = { code: 'HAUL_E_STALLED' as const, message: 'no bytes for 30 s' };
        store.updateJob('full', { options, error });
        expect(store.getJob('full')).toEqual({ ...fullJob(), options, error });
      });

      it('updateJob on an unknown id throws HAUL_E_NOT_FOUND', () => {
        expectHaulError(() => store.updateJob('ghost', { status: 'paused' }), 'HAUL_E_NOT_FOUND');
      });

      it('deleteJobs removes jobs with their segments, ignores unknown ids, keeps the rest', () => {
        store.insertJobs([makeJob('a'), makeJob('b', { position: 1 }), makeJob('c', { position: 2 })]);
        store.saveSegments('a', segs());
        store.saveSegments('b', segs());
        store.deleteJobs(['a', 'c', 'ghost']);
        expect(store.listJobs().map((j) => j.id)).toEqual(['b']);
        expect(store.loadSegments('b')).toEqual(segs());
        // A new job reusing the id must not inherit the old job's progress.
        store.insertJobs([makeJob('a')]);
        expect(store.loadSegments('a')).toEqual([]);
      });
    });

    describe('segments and progress', () => {
      it('saveSegments replaces the whole set and keeps its order', () => {
        store.insertJobs([makeJob('a')]);
        store.saveSegments('a', segs());
        expect(store.loadSegments('a')).toEqual(segs());
        const unknownLength = [{ start: 0, end: null, done: 12345 }];
        store.saveSegments('a', unknownLength);
        expect(store.loadSegments('a')).toEqual(unknownLength);
        store.saveSegments('a', []);
        expect(store.loadSegments('a')).toEqual([]);
      });

      it('saveSegments needs an existing job; loadSegments of an unknown job is empty', () => {
        expectHaulError(() => store.saveSegments('ghost', segs()), 'HAUL_E_NOT_FOUND');
        expect(store.loadSegments('ghost')).toEqual([]);
      });

      it('loadRecordedBytes sums the done bytes of every unfinished job with recorded ranges, and follows changes', () => {
        store.insertJobs([makeJob('a'), makeJob('b', { position: 1, status: 'failed' }), makeJob('none', { position: 2 }), makeJob('done', { position: 3, status: 'completed' })]);
        expect(store.loadRecordedBytes()).toEqual(new Map());
        store.saveSegments('a', segs());
        store.saveSegments('done', segs());
        store.saveProgress([{ id: 'b', segments: [{ start: 0, end: null, done: 5_000_000_000_123 }] }]);
        expect(store.loadRecordedBytes()).toEqual(new Map([['a', 1250], ['b', 5_000_000_000_123]]));
        store.saveSegments('a', []);
        store.deleteJobs(['b']);
        expect(store.loadRecordedBytes()).toEqual(new Map());
      });

      it('saveProgress writes segments and patches for many jobs', () => {
        store.insertJobs([makeJob('a'), makeJob('b', { position: 1 })]);
        store.saveSegments('b', segs());
        store.saveProgress([
          { id: 'a', segments: [{ start: 0, end: 10, done: 4 }], patch: { status: 'active', total: 10 } },
          { id: 'b', segments: segs().slice(0, 2) },
        ]);
        expect(store.loadSegments('a')).toEqual([{ start: 0, end: 10, done: 4 }]);
        expect(store.getJob('a')).toMatchObject({ status: 'active', total: 10 });
        expect(store.loadSegments('b')).toEqual(segs().slice(0, 2));
        expect(store.getJob('b')?.status).toBe('queued');
      });

      it('saveProgress is all or nothing: one bad entry leaves every job as it was', () => {
        store.insertJobs([makeJob('a')]);
        store.saveSegments('a', segs());
        expectHaulError(
          () =>
            store.saveProgress([
              { id: 'a', segments: [{ start: 0, end: 3000, done: 3000 }], patch: { status: 'completed' } },
              { id: 'ghost', segments: [] },
            ]),
          'HAUL_E_NOT_FOUND',
        );
        expect(store.loadSegments('a')).toEqual(segs());
        expect(store.getJob('a')?.status).toBe('queued');
      });
    });

    describe('order', () => {
      it('setPositions rewrites the queue order', () => {
        store.insertJobs([makeJob('a', { position: 0 }), makeJob('b', { position: 1 }), makeJob('c', { position: 2 })]);
        store.setPositions([
          { id: 'c', position: 0 },
          { id: 'a', position: 1 },
          { id: 'b', position: 2 },
        ]);
        expect(store.listJobs().map((j) => [j.id, j.position])).toEqual([['c', 0], ['a', 1], ['b', 2]]);
      });

      it('setPositions with an unknown id throws HAUL_E_NOT_FOUND and moves nothing', () => {
        store.insertJobs([makeJob('a', { position: 0 }), makeJob('b', { position: 1 })]);
        expectHaulError(
          () => store.setPositions([{ id: 'b', position: 0 }, { id: 'a', position: 1 }, { id: 'ghost', position: 2 }]),
          'HAUL_E_NOT_FOUND',
        );
        expect(store.listJobs().map((j) => [j.id, j.position])).toEqual([['a', 0], ['b', 1]]);
      });
    });

    describe('settings', () => {
      it('starts empty, then round-trips and merges patches', () => {
        expect(store.loadSettings()).toEqual({});
        store.saveSettings({ maxJobs: 3, downloadDir: '/data/dl', globalSpeedLimit: 500_000 });
        store.saveSettings({ globalSpeedLimit: null, userAgent: 'Haul-test', maxTries: undefined });
        expect(store.loadSettings()).toEqual({
          maxJobs: 3,
          downloadDir: '/data/dl',
          globalSpeedLimit: null,
          userAgent: 'Haul-test',
        });
      });
    });

    describe('prefs', () => {
      it('are kept apart from settings, round-trip and merge', () => {
        expect(store.loadPrefs()).toEqual({});
        store.savePrefs({ theme: 'dark', columns: [{ id: 'name', width: 300 }] });
        store.savePrefs({ language: 'zh-CN', theme: undefined });
        expect(store.loadPrefs()).toEqual({ theme: 'dark', language: 'zh-CN', columns: [{ id: 'name', width: 300 }] });
        expect(store.loadSettings()).toEqual({});
        store.loadPrefs().theme = 'light';
        expect(store.loadPrefs().theme).toBe('dark');
      });
    });

    describe('isolation', () => {
      it('records handed out are copies', () => {
        store.insertJobs([fullJob()]);
        store.saveSegments('full', segs());
        store.saveSettings({ maxJobs: 2 });
        const got = store.getJob('full')!;
        got.options.headers.Cookie = 'stolen';
        got.status = 'completed';
        store.listJobs()[0]!.options.connections = 1;
        store.loadSegments('full')[0]!.done = 0;
        store.loadSettings().maxJobs = 99;
        expect(store.getJob('full')).toEqual(fullJob());
        expect(store.loadSegments('full')).toEqual(segs());
        expect(store.loadSettings()).toEqual({ maxJobs: 2 });
      });

      it('records taken in are copied', () => {
        const job = makeJob('a', { options: { connections: 4, speedLimit: null, headers: { A: '1' } } });
        const segments = [{ start: 0, end: 10, done: 5 }];
        const options = { connections: 2, speedLimit: 10, headers: { B: '2' } };
        store.insertJobs([job]);
        job.options.headers.A = 'changed';
        job.name = 'changed';
        expect(store.getJob('a')).toEqual(makeJob('a', { options: { connections: 4, speedLimit: null, headers: { A: '1' } } }));
        store.saveSegments('a', segments);
        segments[0]!.done = 10;
        expect(store.loadSegments('a')).toEqual([{ start: 0, end: 10, done: 5 }]);
        store.updateJob('a', { options });
        options.headers.B = 'changed';
        expect(store.getJob('a')?.options).toEqual({ connections: 2, speedLimit: 10, headers: { B: '2' } });
      });
    });

    describe('lifecycle', () => {
      if (options.persistent) it('keeps jobs, segments, order and settings across a reopen', () => {
        expect(h.reopen).toBeDefined();
        store.insertJobs([fullJob(), makeJob('b', { position: 1 })]);
        store.saveSegments('full', segs());
        store.setPositions([{ id: 'b', position: 0 }]);
        store.saveSettings({ connectionsPerJob: 4 });
        store.savePrefs({ density: 'compact' });
        const again = h.reopen!();
        expect(again.loadPrefs()).toEqual({ density: 'compact' });
        expect(again.listJobs()).toEqual([makeJob('b', { position: 0 }), fullJob()]);
        expect(again.loadSegments('full')).toEqual(segs());
        expect(again.loadSettings()).toEqual({ connectionsPerJob: 4 });
      });

      it('close can be called twice, and a closed store refuses work', () => {
        store.close();
        store.close();
        expect(() => store.listJobs()).toThrow();
      });
    });
  });
}
