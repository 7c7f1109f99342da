// The scheduler as the engine uses it: the run lifecycle (scheduler-runs.ts) plus the user's
// commands on jobs (pause, resume, retry, cancel, remove, move in the queue, edit).
import type { BatchOutput } from '../../../shared/api/contract';
import { addressPatch, changedOptions, refuseAddressChange, retryStep, type AddressChange, type OptionsChange } from './job-edits';
import { planGroupMove, type ReorderTarget } from './queue-order';
import { SchedulerRuns } from './scheduler-runs';

export type { SchedulerDeps } from './scheduler-runs';

export class Scheduler extends SchedulerRuns {
  pause(ids: string[]): BatchOutput {
    return this.each(ids, (job) => {
      if (job.status === 'queued') return this.setStatus(job.id, { status: 'paused' });
      if (job.status === 'active') return this.stop(job.id, 'pause');
      return false;
    });
  }

  resume(ids: string[]): BatchOutput {
    const out = this.each(ids, (job) => {
      if (job.status === 'paused') return this.setStatus(job.id, { status: 'queued', error: null });
      return this.notify(job.id, this.running.unpause(job.id));
    });
    this.pump();
    return out;
  }

  retry(ids: string[]): BatchOutput {
    const out = this.each(ids, (job) => this.applyRetry(job.id, retryStep(job)));
    this.pump();
    return out;
  }

  cancel(ids: string[]): BatchOutput {
    return this.each(ids, (job) => {
      const id = job.id;
      if (job.status === 'completed' || job.status === 'cancelled') return false;
      if (job.status === 'extracting') return this.notify(id, this.post.stop(id, 'cancel'));
      if (job.status === 'active' || job.status === 'verifying') return this.stop(id, 'cancel');
      void this.discardPartial(job);
      return this.setStatus(id, { status: 'cancelled', error: null });
    });
  }

  async remove(ids: string[], deleteFiles: boolean): Promise<BatchOutput> {
    const { known, unknown } = this.jobs.partition(ids);
    const changed: string[] = [];
    for (const { id } of known) {
      if (!this.jobs.has(id)) continue; // another request removed it meanwhile
      const run = this.running.get(id);
      if (run) {
        this.stop(id, deleteFiles ? 'remove-files' : 'remove');
        await run.done;
      } else {
        // An extraction writes beside the archive until its worker has stopped; nothing restarts it meanwhile.
        this.notify(id, this.post.stop(id, 'remove'));
        await this.holds.hold(id, this.post.idle(id).then(() => this.forget(id, deleteFiles)));
      }
      changed.push(id);
    }
    return { changed, unknown };
  }

  /** Moves jobs in the queue as one selection (see planGroupMove), writing only the positions that change. */
  reorder(ids: string[], to: ReorderTarget): BatchOutput {
    const { known, unknown } = this.jobs.partition(ids);
    if (known.length === 0) return { changed: [], unknown };
    const writes = planGroupMove(this.list(), known.map((job) => this.jobs.indexOf(job)), to);
    this.book.reposition(writes);
    this.pump();
    return { changed: writes.map((w) => w.id), unknown };
  }

  pauseAll(): string[] {
    return this.pause(this.list().filter((j) => j.status === 'queued' || j.status === 'active').map((j) => j.id)).changed;
  }

  resumeAll(): string[] {
    return this.resume(this.list().filter((j) => j.status === 'paused' || this.running.stopRequest(j.id) === 'pause').map((j) => j.id)).changed;
  }

  /** Changes per-job options; a running download picks them up at once. */
  updateOptions(ids: string[], change: OptionsChange): BatchOutput {
    return this.each(ids, ({ id, options }) => {
      this.updateJob(id, { options: changedOptions(options, change) });
      const fetcher = this.running.get(id)?.fetcher;
      if (change.speedLimit !== undefined) fetcher?.setSpeedLimit(change.speedLimit);
      if (change.connections !== undefined) fetcher?.setConnections(change.connections);
      return true;
    });
  }

  /**
   * Gives a download a new address. A running one restarts there at once and a failed one is
   * retried there; a paused, queued or cancelled one keeps its state.
   */
  changeAddress(id: string, change: AddressChange): string[] {
    const job = this.jobs.mustGet(id);
    const run = this.running.get(id);
    refuseAddressChange(job, run?.finishing ?? false);
    const patch = addressPatch(job, change);
    if (run) {
      run.patchAfterStop = patch;
      // Already stopping (paused, cancelled…): that stop stands, with the new address.
      if (run.intent === null) this.stop(id, 'restart');
      return [id];
    }
    if (job.status === 'failed') this.applyRetry(id, retryStep(job), patch);
    else this.updateJob(id, patch);
    this.pump();
    return [id];
  }

}
