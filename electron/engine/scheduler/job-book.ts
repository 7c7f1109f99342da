// Every change to a job goes through here, so the three places that know about jobs never
// disagree: the in-memory index the scheduler reads, the store (write-behind, committed in
// batches), and the change notifications the engine's events are made from.
import type { JobPatch, JobRecord, JobStore, SegmentRecord } from '../store/job-store';
import { JobIndex } from './job-index';
import type { Placement } from './queue-order';
import { StoreWriter } from './store-writer';

export interface JobBookEvents {
  changed(id: string): void;
  /** The job just reached an end: completed, failed, cancelled, or paused by an error. */
  settled(id: string): void;
}

export class JobBook {
  readonly index = new JobIndex();
  readonly writer: StoreWriter;

  constructor(
    private readonly store: JobStore,
    commitEveryMs: number,
    private readonly events: JobBookEvents,
  ) {
    this.writer = new StoreWriter(store, commitEveryMs);
  }

  load(): void {
    this.index.load(this.store);
  }

  add(records: JobRecord[]): void {
    this.store.insertJobs(records);
    for (const r of records) {
      this.index.set(r);
      this.events.changed(r.id);
    }
  }

  update(id: string, patch: JobPatch): void {
    const job = this.index.patch(id, { ...patch, updatedAt: Date.now() });
    if (!job) return;
    this.writer.updateJob(id, { ...patch, updatedAt: job.updatedAt });
    this.events.changed(id);
    const s = patch.status;
    if (s === 'completed' || s === 'failed' || s === 'cancelled' || (s === 'paused' && job.error)) this.events.settled(id);
  }

  /** update(), and written to the store at once; a refused write stays queued for the next commit. */
  record(id: string, patch: JobPatch): void {
    this.update(id, patch);
    try {
      this.writeThrough(id, patch);
    } catch {
      // update() queued it: the next commit writes it, or reports the disk's refusal
    }
  }

  /** Writes fields that update() has already applied straight to the store, outside the batches. */
  writeThrough(id: string, patch: JobPatch): void {
    if (this.index.has(id)) this.store.updateJob(id, patch);
  }

  /** Replaces the job's recorded ranges (ignored once the job is gone). */
  setSegments(id: string, records: SegmentRecord[]): void {
    if (!this.index.has(id)) return;
    this.writer.saveSegments(id, records);
    this.index.setRecorded(id, records);
  }

  /** The newest segment set: one a previous run left pending, else the store's (none for a new job). */
  segmentsOf(job: JobRecord): SegmentRecord[] {
    return this.writer.pendingSegments(job.id) ?? (job.name === null ? [] : this.store.loadSegments(job.id));
  }

  /** Writes new queue positions (the few a move changes). */
  reposition(positions: Placement[]): void {
    if (positions.length === 0) return;
    this.store.setPositions(positions);
    this.index.reposition(positions).forEach((moved) => this.events.changed(moved));
  }

  /** Drops the job from memory and the store; returns what it was. */
  forget(id: string): JobRecord | undefined {
    const job = this.index.get(id);
    if (!job) return undefined;
    this.index.delete(id);
    this.writer.forget(id);
    this.store.deleteJobs([id]);
    return job;
  }
}
