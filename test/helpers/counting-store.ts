// A real store wrapped to count what the engine asks of it, for tests that measure work instead
// of time: calls per method, the rows setPositions is given, and reads of the status and position
// of chosen records (those listJobs hands out at start-up).
import type { JobRecord, JobStore } from '../../electron/engine/store/job-store';

export interface StoreWork {
  calls: Map<string, number>;
  /** Rows setPositions was asked to write. */
  positionsWritten: number;
  /** Reads of `status` and `position` on the watched records. */
  reads: number;
  reset(): void;
}

export function countingStore<S extends JobStore>(inner: S, watch: (job: JobRecord) => boolean = () => false): { store: S; work: StoreWork } {
  const work: StoreWork = {
    calls: new Map(),
    positionsWritten: 0,
    reads: 0,
    reset() {
      work.calls.clear();
      work.positionsWritten = 0;
      work.reads = 0;
    },
  };
  const store = { ...inner };
  for (const [name, value] of Object.entries(inner)) {
    if (typeof value !== 'function') continue;
    const fn = value as (...args: unknown[]) => unknown;
    Object.assign(store, {
      [name]: (...args: unknown[]) => {
        work.calls.set(name, (work.calls.get(name) ?? 0) + 1);
        return fn(...args);
      },
    });
  }
  store.setPositions = (order) => {
    work.calls.set('setPositions', (work.calls.get('setPositions') ?? 0) + 1);
    work.positionsWritten += order.length;
    inner.setPositions(order);
  };
  store.listJobs = () => {
    work.calls.set('listJobs', (work.calls.get('listJobs') ?? 0) + 1);
    return inner.listJobs().map((job) => (watch(job) ? watched(job, work) : job));
  };
  return { store, work };
}

/** The record with `status` and `position` behind accessors that count their reads. */
function watched(job: JobRecord, work: StoreWork): JobRecord {
  for (const key of ['status', 'position'] as const) {
    let value: unknown = job[key];
    Object.defineProperty(job, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        work.reads++;
        return value;
      },
      set: (v: unknown) => {
        value = v;
      },
    });
  }
  return job;
}
