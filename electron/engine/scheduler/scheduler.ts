// The scheduler as the engine uses it: the run lifecycle (scheduler-runs.ts) plus the user's
// commands on jobs (pause, resume, retry, cancel, remove, move in the queue, edit, move to
// another folder or name, verify or extract a finished file again).
import { join } from 'node:path';
import type { BatchOutput } from '../../../shared/api/contract';
import { HaulError } from '../../../shared/errors';
import type { ExpectedChecksum } from '../../../shared/models/job';
import type { JobPatch, JobRecord } from '../store/job-store';
import { finishedFile, jobLabel } from './finished-file';
import { addressPatch, changedOptions, refuseAddressChange, retryStep, type AddressChange, type OptionsChange } from './job-edits';
import { ensureFolder, movePart, partPathOf, type MoveTarget } from './job-move';
import { planGroupMove, type ReorderTarget } from './queue-order';
import { SchedulerRuns } from './scheduler-runs';

export type { SchedulerDeps } from './scheduler-runs';

export class Scheduler extends SchedulerRuns {
  pause(ids: string[]): BatchOutput {
    const out = this.each(ids, (job) => {
      if (job.status === 'queued') return this.setStatus(job.id, { status: 'paused' });
      if (job.status === 'active') return this.stop(job.id, 'pause') && this.remember(job.id, 'paused');
      return false;
    });
    this.commitNow();
    return out;
  }

  resume(ids: string[]): BatchOutput {
    const out = this.each(ids, (job) => {
      if (job.status === 'paused') return this.setStatus(job.id, { status: 'queued', error: null });
      // Resumed before its pause had stopped it: it starts again once stopped.
      return this.notify(job.id, this.running.unpause(job.id)) && this.remember(job.id, 'queued');
    });
    this.commitNow();
    this.pump();
    return out;
  }

  retry(ids: string[]): BatchOutput {
    const out = this.each(ids, (job) => this.applyRetry(job.id, retryStep(job)));
    this.pump();
    return out;
  }

  cancel(ids: string[]): BatchOutput {
    const out = this.each(ids, (job) => {
      const id = job.id;
      if (job.status === 'completed' || job.status === 'cancelled') return false;
      if (job.status === 'extracting') return this.notify(id, this.post.stop(id, 'cancel'));
      // Verifying a finished file again: stopping it leaves the job completed.
      if (job.status === 'verifying' && this.post.isActive(id)) return this.notify(id, this.post.stop(id, 'cancel'));
      // Cancelled on disk at once; a crash before the run has stopped leaves its .part, which the next start deletes.
      if (job.status === 'active' || job.status === 'verifying') return this.stop(id, 'cancel') && this.remember(id, 'cancelled');
      void this.discardPartial(job);
      return this.setStatus(id, { status: 'cancelled', error: null });
    });
    this.commitNow();
    return out;
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


  /**
   * Hashes finished files again in the process pool against `expected` (which becomes the job's
   * checksum) or the job's own. A job that cannot be verified is left out of `changed`; when none
   * could, the command fails saying why.
   */
  verify(ids: string[], expected?: ExpectedChecksum): Promise<BatchOutput> {
    return this.eachChecked(ids, async (job) => {
      const checksum = expected ?? job.options.checksum;
      if (!checksum) throw new HaulError('HAUL_E_INVALID_INPUT', `${jobLabel(job)} has no checksum to verify against: give one.`);
      const path = await this.finishedAndIdle(job, 'verify');
      if (expected) this.updateJob(job.id, { options: { ...job.options, checksum: expected } });
      this.post.start(job, path, { kind: 'verify', expected: checksum });
      return true;
    });
  }

  /** Extracts finished archives now, as after a download (deleting the archive after, if asked or set). */
  extract(ids: string[], deleteArchive?: boolean): Promise<BatchOutput> {
    return this.eachChecked(ids, async (job) => {
      const path = await this.finishedAndIdle(job, 'extract');
      const extractBefore = job.options.extract === true;
      this.updateJob(job.id, { options: { ...job.options, extract: true, deleteArchive: deleteArchive ?? job.options.deleteArchive } });
      this.post.start(job, path, { kind: 'extract', onDemand: { extractBefore } });
      return true;
    });
  }

  /**
   * Moves unfinished downloads to another folder and/or name, their kept bytes with them (see
   * job-move.ts). A running one is stopped, moved, and goes on; nothing starts it meanwhile.
   */
  move(ids: string[], target: MoveTarget): Promise<BatchOutput> {
    return this.eachChecked(ids, async (job) => {
      if (job.completedAt !== null || job.status === 'completed' || job.status === 'verifying' || job.status === 'extracting' || this.running.get(job.id)?.finishing) {
        throw new HaulError('HAUL_E_INVALID_STATE', `${jobLabel(job)} is already downloaded: move the file itself, in your file manager.`);
      }
      const run = this.running.get(job.id);
      if (run) this.stop(job.id, 'restart');
      const moved = await this.holds.hold(job.id, (async () => {
        await run?.done;
        return this.moveNow(job.id, target);
      })());
      this.pump();
      return moved;
    });
  }

  private async moveNow(id: string, target: MoveTarget): Promise<boolean> {
    const job = this.jobs.get(id);
    // Finished or removed while its run was stopping: there is nothing left to move.
    if (!job || job.completedAt !== null) return false;
    const dir = target.dir ?? job.dir;
    const requestedName = target.name ?? job.requestedName;
    if (job.name === null) {
      // Nothing on disk yet: the download chooses its name in the new folder.
      if (dir === job.dir && requestedName === job.requestedName) return false;
      this.book.record(id, { dir, requestedName });
      return true;
    }
    const wanted = target.name ?? job.name;
    if (join(dir, wanted) === join(job.dir, job.name)) return false;
    await ensureFolder(dir);
    const name = await this.deps.reserveName(id, dir, wanted);
    const from = partPathOf(job);
    const before: JobPatch = { dir: job.dir, name: job.name, requestedName: job.requestedName, options: job.options };
    // Write-ahead: the new place, and where the bytes still are, before they move (see job-move.ts).
    const patch: JobPatch = { dir, name, requestedName, options: { ...job.options, movedFrom: from } };
    this.updateJob(id, patch);
    try {
      this.book.writeThrough(id, patch);
      await movePart(from, partPathOf({ dir, name }));
    } catch (err) {
      // Nothing moved (a rename is all or nothing): the job stays where its bytes are. (The new
      // name stays held for it: asking for the old one again would find its own .part there.)
      this.book.record(id, before);
      throw err;
    }
    const { movedFrom: _done, ...options } = job.options;
    this.updateJob(id, { options });
    return true;
  }

  /** The finished file of a job that is not being verified or extracted now. */
  private async finishedAndIdle(job: JobRecord, action: string): Promise<string> {
    if (this.post.isActive(job.id)) throw new HaulError('HAUL_E_INVALID_STATE', `${jobLabel(job)} is being ${job.status === 'verifying' ? 'verified' : 'extracted'}: wait until that is done.`);
    return finishedFile(job, action);
  }

  /** As each(), for checks that take a while: a job refused says why, and that is the error when every job was refused. */
  private async eachChecked(ids: string[], change: (job: JobRecord) => Promise<boolean>): Promise<BatchOutput> {
    const { known, unknown } = this.jobs.partition(ids);
    const changed: string[] = [];
    let refusal: unknown = null;
    for (const job of known) {
      if (!this.jobs.has(job.id)) continue; // removed meanwhile
      try {
        if (await change(job)) changed.push(job.id);
      } catch (err) {
        refusal ??= err;
      }
    }
    if (changed.length === 0 && refusal !== null) throw refusal;
    return { changed, unknown };
  }
}
