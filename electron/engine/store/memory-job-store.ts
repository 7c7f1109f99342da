// The in-memory twin of the SQLite store, for tests that are not about persistence. Same
// behaviour (the shared contract suite runs against both); records are copied in and out.
import { HaulError } from '../../../shared/errors';
import type { Settings } from '../../../shared/models/settings';
import { applyPatch } from './job-patch';
import type { JobRecord, JobStore, SegmentRecord } from './job-store';

export function createMemoryJobStore(): JobStore {
  // Map keeps insertion order, which breaks ties between equal positions like SQLite's rowid.
  let jobs = new Map<string, JobRecord>();
  let segments = new Map<string, SegmentRecord[]>();
  let settings: Partial<Settings> = {};
  const prefs: Record<string, unknown> = {};
  let closed = false;

  function open(): void {
    if (closed) throw new HaulError('HAUL_E_INVALID_STATE', 'The job store is closed');
  }

  function existing(id: string): JobRecord {
    const job = jobs.get(id);
    if (job === undefined) throw new HaulError('HAUL_E_NOT_FOUND', `No job with id ${id}`);
    return job;
  }

  /** Runs `fn` on copies and swaps them in only if it succeeds, like a transaction. */
  function transaction(fn: () => void): void {
    const saved = { jobs, segments, settings };
    jobs = new Map(jobs);
    segments = new Map(segments);
    settings = { ...settings };
    try {
      fn();
    } catch (err) {
      ({ jobs, segments, settings } = saved);
      throw err;
    }
  }

  return {
    insertJobs(list) {
      open();
      transaction(() => {
        for (const job of list) {
          if (jobs.has(job.id)) {
            throw new HaulError('HAUL_E_INVALID_INPUT', `A job with id ${job.id} already exists`);
          }
          jobs.set(job.id, structuredClone(job));
        }
      });
    },
    getJob(id) {
      open();
      const job = jobs.get(id);
      return job === undefined ? undefined : structuredClone(job);
    },
    listJobs() {
      open();
      // Array.prototype.sort is stable, so ties keep insertion order.
      return [...jobs.values()].sort((a, b) => a.position - b.position).map((j) => structuredClone(j));
    },
    updateJob(id, patch) {
      open();
      jobs.set(id, structuredClone(applyPatch(existing(id), patch)));
    },
    deleteJobs(ids) {
      open();
      transaction(() => {
        for (const id of ids) {
          jobs.delete(id);
          segments.delete(id);
        }
      });
    },
    saveSegments(id, list) {
      open();
      existing(id);
      segments.set(id, copySegments(list));
    },
    loadSegments(id) {
      open();
      return copySegments(segments.get(id) ?? []);
    },
    loadRecordedBytes() {
      open();
      const out = new Map<string, number>();
      for (const [id, list] of segments) {
        if (list.length > 0 && jobs.get(id)?.status !== 'completed') out.set(id, list.reduce((n, s) => n + s.done, 0));
      }
      return out;
    },
    saveProgress(entries) {
      open();
      transaction(() => {
        for (const entry of entries) {
          const job = existing(entry.id);
          if (entry.segments !== undefined) segments.set(entry.id, copySegments(entry.segments));
          if (entry.patch !== undefined) jobs.set(entry.id, structuredClone(applyPatch(job, entry.patch)));
        }
      });
    },
    setPositions(order) {
      open();
      transaction(() => {
        for (const { id, position } of order) jobs.set(id, { ...existing(id), position });
      });
    },
    loadSettings() {
      open();
      return structuredClone(settings);
    },
    saveSettings(patch) {
      open();
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) Object.assign(settings, { [key]: structuredClone(value) });
      }
    },
    loadPrefs() {
      open();
      return structuredClone(prefs);
    },
    savePrefs(patch) {
      open();
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) prefs[key] = structuredClone(value);
    },
    close() {
      closed = true;
    },
  };
}

/** Keeps only the stored fields, as a table row would. */
function copySegments(list: readonly SegmentRecord[]): SegmentRecord[] {
  return list.map((s) => ({ start: s.start, end: s.end, done: s.done }));
}
