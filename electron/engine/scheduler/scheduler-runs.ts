// The run lifecycle: starts queued jobs in order, up to `maxJobs` at once, and turns every way a
// run can end into the job's next status. Owns the in-memory mirror of the store (the store stays
// the truth). The user's commands on jobs are in scheduler.ts, built on this.
import { join } from 'node:path';
import type { BatchOutput } from '../../../shared/api/contract';
import type { JobStatus, JobWait, StageProgress, StopRequest } from '../../../shared/models/job';
import type { Settings } from '../../../shared/models/settings';
import type { DownloadSlot, FetcherHooks, FetchProgress, StartTicket } from '../fetcher';
import type { JobPatch, JobRecord, JobStore } from '../store/job-store';
import { JobBook, type JobBookEvents } from './job-book';
import { finishInterruptedMove } from './job-move';
import type { JobIndex, StatusCounts } from './job-index';
import { deleteJobFiles } from './job-files';
import { ProgressFlusher } from './progress-flusher';
import type { StoreWriter } from './store-writer';
import { PostProcessor, type ExtractRunner, type HashRunner } from './post-processor';
import { mirrorFailover, type RetryStep } from './job-edits';
import { nextStep, type StopIntent } from './run-outcome';
import { QueuePump } from './queue-pump';
import { RunningSet, type Running } from './running-set';
import { StartHolds } from './start-holds';

export interface SchedulerDeps extends JobBookEvents {
  store: JobStore;
  /** Runs an extraction in the process pool; null without a pool. */
  extract: ExtractRunner | null;
  /** Hashes a whole file in the process pool (verifying a finished file again); null without a pool. */
  hash: HashRunner | null;
  /** A name free on disk and among other jobs in `dir`, now held for the job (see HttpFetchers). */
  reserveName(jobId: string, dir: string, name: string): Promise<string>;
  settings: () => Settings;
  /** Record changes reach the database at most this often, in one transaction (write-behind). */
  commitEveryMs: number;
  /**
   * Takes what the job needs to start besides a download slot (a free connection to its host);
   * null when that is not free now: the job stays queued, holding nothing, and is offered again
   * after hostFreed().
   */
  claimStart(job: JobRecord, slot: DownloadSlot): StartTicket | null;
  /** Lets downloads that gave their slot back while waiting for their host take free slots first. */
  wakeParked(): void;
  removed(id: string): void;
}

export class SchedulerRuns {
  protected readonly book: JobBook;
  protected readonly jobs: JobIndex;
  protected readonly writer: StoreWriter;
  protected readonly running = new RunningSet();
  protected readonly flusher: ProgressFlusher;
  protected readonly post: PostProcessor;
  protected readonly holds = new StartHolds(() => {
    this.queue.reconsider();
    this.pump();
  });
  protected readonly queue: QueuePump;
  /** Queued jobs passed over because their host had no free connection (until they start or change status). */
  private readonly hostWaits = new Set<string>();
  private readonly stopsToRecord = new Map<string, JobStatus>();
  protected closed = false;

  constructor(protected readonly deps: SchedulerDeps) {
    this.book = new JobBook(deps.store, deps.commitEveryMs, deps);
    this.jobs = this.book.index;
    this.writer = this.book.writer;
    this.queue = new QueuePump({
      jobs: this.jobs,
      hasSlot: () => this.running.hasSlot(deps.settings().maxJobs),
      start: (job) => {
        if (this.holds.has(job.id)) return; // pumped again when the hold ends
        if (job.status === 'queued') this.start(job);
        else if (!this.post.isActive(job.id)) this.post.start(job, join(job.dir, job.name!));
      },
      wakeParked: () => deps.wakeParked(),
    });
    this.post = new PostProcessor({
      extract: deps.extract,
      hash: deps.hash,
      update: (id, patch) => this.updateJob(id, patch),
      record: (id, patch) => this.book.record(id, patch),
      progressed: (id) => deps.changed(id),
      finished: () => this.pump(),
    });
    this.flusher = new ProgressFlusher({
      running: () => this.running.all().map((run) => run.fetcher),
      commit: () => this.writer.flushDue(),
    });
  }

  load(): void {
    this.book.load();
    // A move a crash cut short is finished before anything runs.
    for (const job of this.jobs.list()) {
      if (job.options.movedFrom !== undefined) this.updateJob(job.id, { options: finishInterruptedMove(job) });
      // Cancelled while its run was stopping, and the process died before the .part was deleted.
      if (job.status === 'cancelled' && job.name !== null && this.book.segmentsOf(job).length > 0) void this.discardPartial(job);
    }
  }

  limitTo(scope: Set<string>): void {
    this.jobs.limitTo(scope);
  }

  allow(ids: string[]): void {
    this.jobs.allow(ids);
  }

  list(): readonly JobRecord[] {
    return this.jobs.list();
  }

  /** Jobs per status, kept as they change: what the progress tick reports, at no cost per job. */
  statusCounts(): StatusCounts {
    return this.jobs.statusCounts();
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  progress(id: string): FetchProgress | null {
    return this.running.get(id)?.fetcher.progress() ?? null;
  }

  stageProgress(id: string): StageProgress | null {
    return this.post.progress(id);
  }

  /** The user's stop request still under way, for clients to show. */
  stopping(id: string): StopRequest | null {
    return this.running.stopRequest(id) ?? this.post.stopping(id);
  }

  /** What a job that is not moving waits for: its host, while queued and passed over or parked. */
  waiting(id: string): JobWait | null {
    if (this.running.get(id)?.parked) return 'host';
    return this.hostWaits.has(id) && this.jobs.get(id)?.status === 'queued' ? 'host' : null;
  }

  recordedBytes(id: string): number {
    return this.jobs.recordedBytes(id);
  }

  runningIds(): string[] {
    return this.running.ids();
  }

  nextPosition(): number {
    return this.jobs.nextPosition();
  }

  add(records: JobRecord[]): void {
    this.book.add(records);
    this.pump();
  }

  /** Starts queued jobs in order while there are download slots (see QueuePump). */
  pump(): void {
    if (!this.closed) this.queue.run();
  }

  /** A host has a free connection again: a job passed over for want of one may start. */
  hostFreed(): void {
    this.queue.reconsider();
    this.queue.soon(() => this.pump());
  }

  /** Syncs every running download and records what is on disk, in one transaction. */
  flushProgress(): Promise<void> {
    return this.flusher.flush();
  }

  /**
   * Stops everything; interrupted jobs stay queued so they continue at the next start, and jobs
   * already stopping end as the user asked (paused, cancelled, removed).
   */
  async shutdown(): Promise<void> {
    this.closed = true;
    const runs = this.running.all();
    for (const id of this.running.ids()) this.stop(id, 'shutdown');
    await Promise.all([...runs.map((r) => r.done), this.post.shutdown(), this.holds.idle()]);
    await this.flusher.idle();
    this.writer.flush();
  }

  /** Commits what is pending now, synchronously (the process is about to end: a crash). */
  saveNow(): void {
    this.writer.flush();
  }

  updateJob(id: string, patch: JobPatch): void {
    if (patch.status !== undefined) this.hostWaits.delete(id);
    this.book.update(id, patch);
  }

  /** Starts the job's download, unless its host has no free connection now. */
  protected start(job: JobRecord): void {
    const slot: DownloadSlot = {
      release: () => {
        if (!this.running.park(job.id, run)) return;
        this.deps.changed(job.id); // clients show it waiting for its host
        this.queue.soon(() => this.pump());
      },
      reclaim: () => {
        const wasParked = run.parked;
        const took = this.running.unpark(job.id, run, this.deps.settings().maxJobs);
        if (wasParked && took) this.deps.changed(job.id);
        return took;
      },
    };
    const ticket = this.deps.claimStart(job, slot);
    if (!ticket) {
      if (!this.hostWaits.has(job.id)) {
        this.hostWaits.add(job.id);
        this.deps.changed(job.id);
      }
      return;
    }
    this.setStatus(job.id, { status: 'active', error: null });
    const hooks: FetcherHooks = {
      update: (patch) => this.updateJob(job.id, patch),
      saveSegments: (records) => this.book.setSegments(job.id, records),
      flush: () => this.writer.commitSoon(),
      writeThrough: (patch) => this.book.writeThrough(job.id, patch),
      received: () => {
        if (this.running.markFinishing(job.id, run)) this.pump();
      },
    };
    const fetcher = ticket.create({ ...job }, this.book.segmentsOf(job), hooks);
    const run: Running = { fetcher, intent: null, done: Promise.resolve(), finishing: false, parked: false };
    run.done = fetcher
      .run()
      .finally(() => ticket.release())
      .then(
        (outcome) => this.finished(job.id, run, outcome, null),
        (err: unknown) => this.finished(job.id, run, 'stopped', err),
      );
    this.running.add(job.id, run);
  }

  protected async finished(id: string, run: Running, outcome: 'completed' | 'stopped', err: unknown): Promise<void> {
    this.running.delete(id, run);
    const step = nextStep(outcome, err, run.intent);
    if (step.kind === 'forget') {
      await this.forget(id, step.deleteFiles);
    } else {
      const job = this.jobs.get(id)!;
      if (run.patchAfterStop) this.updateJob(id, run.patchAfterStop);
      if (step.discardPartial) await this.discardPartial(job);
      // Not when the user stopped it meanwhile (paused, cancelled): that decision stands.
      const failover = step.patch.status === 'failed' && step.patch.error && run.intent === null ? mirrorFailover(job, step.patch.error) : null;
      if (failover) {
        this.applyRetry(id, failover);
      } else if (step.patch.status === 'completed' && job.options.extract) {
        this.updateJob(id, { ...step.patch, status: 'extracting' });
        this.post.start(job, join(job.dir, job.name!));
      } else {
        this.updateJob(id, step.patch);
      }
    }
    this.pump();
  }

  protected stop(id: string, intent: StopIntent): boolean {
    return this.notify(id, this.running.requestStop(id, intent));
  }

  /**
   * A pause, resume or cancel the user asked for is on disk before the answer, so a crash (kill -9,
   * power) right after leaves the jobs as asked; status changes otherwise wait for the next batch.
   * One commit for the whole command, however many jobs it names. The stops still under way
   * (remember) are written after the batch, so an older status in it cannot overwrite theirs. A
   * commit the disk refuses is no failure of the command: the batch keeps it for the next one,
   * and a stop's end is written when the run has stopped.
   */
  protected commitNow(): void {
    const stops = [...this.stopsToRecord];
    this.stopsToRecord.clear();
    try {
      this.writer.flush();
    } catch {
      // kept in the batch; the stops' statuses wait for their runs' ends, behind it
      return;
    }
    for (const [id, status] of stops) {
      try {
        this.book.writeThrough(id, { status });
      } catch {
        // written when the run ends
      }
    }
  }

  /**
   * For commitNow: the status a stop under way will end in, written to the store at once while
   * the record in memory keeps the run's status until the run has stopped.
   */
  protected remember(id: string, status: JobStatus): boolean {
    this.stopsToRecord.set(id, status);
    return true;
  }

  /** Clients hear of a change that is not in the job record (a stop under way). */
  protected notify(id: string, changed: boolean): boolean {
    if (changed) this.deps.changed(id);
    return changed;
  }

  protected async forget(id: string, deleteFiles: boolean): Promise<void> {
    const job = this.book.forget(id);
    this.hostWaits.delete(id);
    if (!job) return;
    if (deleteFiles) await deleteJobFiles(job, 'written');
    this.deps.removed(id);
  }

  protected discardPartial(job: JobRecord): Promise<void> {
    this.book.setSegments(job.id, []);
    return this.holds.hold(job.id, deleteJobFiles(job, 'part'));
  }

  protected applyRetry(id: string, step: RetryStep, extra: JobPatch = {}): boolean {
    if (!step) return false;
    // Forgetting the ranges is enough: the fresh start empties the part file itself.
    if (step.forgetRanges) this.book.setSegments(id, []);
    return this.setStatus(id, { ...step.patch, ...extra });
  }


  /** Applies `change` to each job the ids name; an id that names none is reported and changes nothing. */
  protected each(ids: string[], change: (job: JobRecord) => boolean): BatchOutput {
    const { known, unknown } = this.jobs.partition(ids);
    return { changed: known.filter((job) => change(job)).map((job) => job.id), unknown };
  }

  protected setStatus(id: string, patch: JobPatch): boolean {
    this.updateJob(id, patch);
    return true;
  }
}
