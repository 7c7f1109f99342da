// The in-memory mirror of the store's jobs: lookup, queue order, counts per status, recorded
// bytes, and which jobs may run in this process. With 100,000 finished jobs in the store, nothing
// that runs per tick or per start may walk them all: the order is kept sorted as jobs come, go
// and move (never re-sorted whole), and the counts are kept as statuses change.
import { HaulError } from '../../../shared/errors';
import { JOB_STATUSES, type JobStatus } from '../../../shared/models/job';
import type { JobPatch, JobRecord, JobStore, SegmentRecord } from '../store/job-store';

export type StatusCounts = Record<JobStatus, number>;

export class JobIndex {
  private readonly jobs = new Map<string, JobRecord>();
  /**
   * Recorded bytes of jobs that are not running (running ones report live progress). Kept only
   * where it says something: none is 0, and a completed job's is its size.
   */
  private readonly recorded = new Map<string, number>();
  /** Every job by position; equal positions keep the order they came in (the store's rowid). */
  private readonly ordered: JobRecord[] = [];
  /** Deleted jobs still in `ordered`: dropped in one pass when the order is next read. */
  private stale = 0;
  private readonly counts = emptyCounts();
  /** When set, only these jobs may start (the CLI runs its own jobs, not the whole queue). */
  private scope: Set<string> | null = null;
  /** Where startable() begins in `ordered`: the leading jobs before it cannot start. */
  private scanFrom = 0;
  private changeCount = 0;

  /**
   * Loads the store. Interrupted downloads (and their verification) go back to the queue; a
   * finished file verified again on request (completedAt set) is as it was: completed.
   */
  load(store: JobStore): void {
    const recorded = store.loadRecordedBytes();
    const interrupted: JobRecord[] = [];
    for (const job of store.listJobs()) {
      if (job.status === 'active' || job.status === 'verifying') {
        job.status = job.status === 'verifying' && job.completedAt !== null ? 'completed' : 'queued';
        interrupted.push(job);
      }
      this.set(job, recorded.get(job.id) ?? 0);
    }
    if (interrupted.length > 0) {
      const updatedAt = Date.now();
      store.saveProgress(interrupted.map((j) => ({ id: j.id, patch: { status: j.status, updatedAt } })));
    }
  }

  /** Adds a job; one whose position is past every other (a new one) costs no search. */
  set(job: JobRecord, recorded = 0): void {
    if (this.jobs.has(job.id)) this.delete(job.id);
    this.jobs.set(job.id, job);
    if (recorded > 0 && !(job.status === 'completed' && recorded === job.total)) this.recorded.set(job.id, recorded);
    this.counts[job.status]++;
    this.place(job);
  }

  delete(id: string): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    this.recorded.delete(id);
    this.counts[job.status]--;
    this.stale++;
  }

  /** Applies a change to the job's record, keeping the counts and the order in step. */
  patch(id: string, patch: JobPatch): JobRecord | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    const before = job.status;
    const moved = patch.position !== undefined && patch.position !== job.position;
    if (moved) this.unplace(job);
    Object.assign(job, patch);
    if (moved) this.place(job);
    if (job.status !== before) {
      this.counts[before]--;
      this.counts[job.status]++;
      if (job.status === 'queued' || job.status === 'extracting') this.rescan();
    }
    return job;
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
  list(): readonly JobRecord[] {
    this.compact();
    return this.ordered;
  }

  /** How many jobs are in each status, without looking at any of them. */
  statusCounts(): StatusCounts {
    return { ...this.counts };
  }

  /** The job's place in list(). */
  indexOf(job: JobRecord): number {
    this.compact();
    for (let i = this.lowerBound(job.position); i < this.ordered.length; i++) if (this.ordered[i] === job) return i;
    return -1;
  }

  /** Takes new queue positions; returns the ids whose position changed. */
  reposition(positions: readonly { id: string; position: number }[]): string[] {
    const moved: string[] = [];
    for (const { id, position } of positions) {
      const job = this.jobs.get(id);
      if (!job || job.position === position) continue;
      this.patch(id, { position });
      moved.push(id);
    }
    return moved;
  }

  /** A position after every job's: new jobs go last. */
  nextPosition(): number {
    const last = this.list().at(-1);
    return last === undefined ? 0 : Math.floor(last.position) + 1;
  }

  recordedBytes(id: string): number {
    const recorded = this.recorded.get(id);
    if (recorded !== undefined) return recorded;
    const job = this.jobs.get(id);
    return job?.status === 'completed' ? (job.total ?? 0) : 0;
  }

  setRecorded(id: string, segments: SegmentRecord[]): void {
    if (this.jobs.has(id)) this.recorded.set(id, sumDone(segments));
  }

  limitTo(scope: Set<string>): void {
    this.scope = scope;
    this.rescan();
  }

  allow(ids: string[]): void {
    if (!this.scope) return;
    for (const id of ids) {
      if (this.scope.has(id)) continue;
      this.scope.add(id);
      // A job already in the queue may sit before where the scan starts; a new one goes last.
      if (this.jobs.has(id)) this.rescan();
    }
  }

  /**
   * Jobs that may start now (queued, or extracting), in queue order. The leading jobs that cannot
   * start are skipped next time: with 10,000 jobs, walking past the finished ones after every
   * finish made the queue quadratic. Call rescan() when a job may have become startable.
   */
  *startable(): Generator<JobRecord> {
    const list = this.list();
    let prefix = true;
    for (let i = this.scanFrom; i < list.length; i++) {
      const job = list[i]!;
      const ok = (job.status === 'queued' || job.status === 'extracting') && this.mayRun(job.id);
      if (prefix && !ok) this.scanFrom = i + 1;
      else prefix = false;
      if (ok) yield job;
    }
  }

  rescan(): void {
    this.scanFrom = 0;
    this.changeCount++;
  }

  /** Moves on whenever a job may have become startable (a new job, a status, a move, the scope). */
  get changes(): number {
    return this.changeCount;
  }

  mayRun(id: string): boolean {
    return !this.scope || this.scope.has(id);
  }

  /** Inserts after every job of a lower or equal position. */
  private place(job: JobRecord): void {
    this.compact();
    const last = this.ordered.at(-1);
    if (last === undefined || last.position <= job.position) {
      this.ordered.push(job);
      this.changeCount++;
      return;
    }
    this.ordered.splice(this.upperBound(job.position), 0, job);
    this.rescan();
  }

  private unplace(job: JobRecord): void {
    const i = this.indexOf(job);
    if (i < 0) return;
    this.ordered.splice(i, 1);
    this.rescan();
  }

  /** Drops deleted jobs from the order, in one pass however many went since the last read. */
  private compact(): void {
    if (this.stale === 0) return;
    let kept = 0;
    for (const job of this.ordered) if (this.jobs.get(job.id) === job) this.ordered[kept++] = job;
    this.ordered.length = kept;
    this.stale = 0;
    this.rescan();
  }

  /** The first index whose position is ≥ `position`. */
  private lowerBound(position: number): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ordered[mid]!.position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first index whose position is > `position`. */
  private upperBound(position: number): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ordered[mid]!.position <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function emptyCounts(): StatusCounts {
  return Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function sumDone(segments: SegmentRecord[]): number {
  return segments.reduce((n, s) => n + s.done, 0);
}
