// The in-memory mirror of the store's jobs: lookup, queue order (cached, since the scheduler
// walks it after every start and finish), recorded bytes, and which jobs may run in this process.
import { HaulError } from '../../../shared/errors';
import type { JobRecord, JobStore, SegmentRecord } from '../store/job-store';

export class JobIndex {
  private readonly jobs = new Map<string, JobRecord>();
  /** Recorded bytes of jobs that are not running (running ones report live progress). */
  private readonly recorded = new Map<string, number>();
  private ordered: JobRecord[] | null = null;
  /** When set, only these jobs may start (the CLI runs its own jobs, not the whole queue). */
  private scope: Set<string> | null = null;
  /** Where startable() begins in `ordered`: the leading jobs before it cannot start. */
  private scan: { list: JobRecord[] | null; from: number } = { list: null, from: 0 };

  /** Loads the store. Interrupted downloads (and their verification) go back to the queue. */
  load(store: JobStore): void {
    for (const job of store.listJobs()) {
      if (job.status === 'active' || job.status === 'verifying') {
        job.status = 'queued';
        store.updateJob(job.id, { status: 'queued', updatedAt: Date.now() });
      }
      this.set(job, sumDone(store.loadSegments(job.id)));
    }
  }

  set(job: JobRecord, recorded = 0): void {
    this.jobs.set(job.id, job);
    this.recorded.set(job.id, recorded);
    this.ordered = null;
  }

  delete(id: string): void {
    this.jobs.delete(id);
    this.recorded.delete(id);
    this.ordered = null;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  /** The jobs the ids name (each once, in order), and the ids that name none. */
  partition(ids: string[]): { known: JobRecord[]; unknown: string[] } {
    const known: JobRecord[] = [];
    const unknown: string[] = [];
    for (const id of new Set(ids)) {
      const job = this.jobs.get(id);
      if (job) known.push(job);
      else unknown.push(id);
    }
    return { known, unknown };
  }

  mustGet(id: string): JobRecord {
    const job = this.jobs.get(id);
    if (!job) throw new HaulError('HAUL_E_NOT_FOUND', `No download with id ${id}.`);
    return job;
  }

  /** Jobs in queue order. Callers must not modify the array. */
  list(): JobRecord[] {
    this.ordered ??= [...this.jobs.values()].sort((a, b) => a.position - b.position);
    return this.ordered;
  }

  /** Takes new queue positions; returns the ids whose position changed. */
  reposition(positions: { id: string; position: number }[]): string[] {
    const moved: string[] = [];
    for (const { id, position } of positions) {
      const job = this.jobs.get(id);
      if (job && job.position !== position) {
        job.position = position;
        moved.push(id);
      }
    }
    if (moved.length > 0) this.ordered = null;
    return moved;
  }

  nextPosition(): number {
    let max = -1;
    for (const j of this.jobs.values()) max = Math.max(max, j.position);
    return max + 1;
  }

  recordedBytes(id: string): number {
    return this.recorded.get(id) ?? 0;
  }

  setRecorded(id: string, segments: SegmentRecord[]): void {
    if (this.jobs.has(id)) this.recorded.set(id, sumDone(segments));
  }

  limitTo(scope: Set<string>): void {
    this.scope = scope;
    this.rescan();
  }

  allow(ids: string[]): void {
    for (const id of ids) this.scope?.add(id);
    this.rescan();
  }

  /**
   * Jobs that may start now (queued, or extracting), in queue order. The leading jobs that cannot
   * start are skipped next time: with 10,000 jobs, walking past the finished ones after every
   * finish made the queue quadratic. Call rescan() when a job may have become startable.
   */
  *startable(): Generator<JobRecord> {
    const list = this.list();
    if (list !== this.scan.list) this.scan = { list, from: 0 };
    let prefix = true;
    for (let i = this.scan.from; i < list.length; i++) {
      const job = list[i]!;
      const ok = (job.status === 'queued' || job.status === 'extracting') && this.mayRun(job.id);
      if (prefix && !ok) this.scan.from = i + 1;
      else prefix = false;
      if (ok) yield job;
    }
  }

  rescan(): void {
    this.scan.from = 0;
  }

  mayRun(id: string): boolean {
    return !this.scope || this.scope.has(id);
  }
}

export function sumDone(segments: SegmentRecord[]): number {
  return segments.reduce((n, s) => n + s.done, 0);
}
