// The downloads running now, how they are asked to stop, and how many of them hold a download
// slot: a run that has every byte (finishing: sync, verification, rename) no longer does.
import type { StopRequest } from '../../../shared/models/job';
import type { Fetcher } from '../fetcher';
import type { JobPatch } from '../store/job-store';
import { stopRequestOf, strongerIntent, type StopIntent } from './run-outcome';

export interface Running {
  fetcher: Fetcher;
  done: Promise<void>;
  intent: StopIntent | null;
  /** Every byte has arrived; the run is finishing outside the download slots. */
  finishing: boolean;
  /** Applied once the run has stopped (a new address must not race the old run's own updates). */
  patchAfterStop?: JobPatch;
}

/**
 * Runs finishing outside the download slots, at most this many at once: many small files finish
 * while the next ones download (their datasync and rename no longer hold a slot), and a slow disk
 * still cannot pile up open files without bound.
 */
export const MAX_FINISHING = 64;

export class RunningSet {
  private readonly runs = new Map<string, Running>();
  private finishing = 0;

  get(id: string): Running | undefined {
    return this.runs.get(id);
  }

  ids(): string[] {
    return [...this.runs.keys()];
  }

  all(): Running[] {
    return [...this.runs.values()];
  }

  add(id: string, run: Running): void {
    this.runs.set(id, run);
  }

  /** Stops the job's run for `intent` unless a stronger stop is under way; false when that changed nothing. */
  requestStop(id: string, intent: StopIntent): boolean {
    const run = this.runs.get(id);
    if (!run) return false;
    const next = strongerIntent(run.intent, intent);
    if (next === run.intent) return false;
    run.intent = next;
    run.fetcher.stop();
    return true;
  }

  /** A resume while a pause is still stopping the run: the job starts again once it has stopped. */
  unpause(id: string): boolean {
    const run = this.runs.get(id);
    if (run?.intent !== 'pause') return false;
    run.intent = 'restart';
    return true;
  }

  /** The user's stop request still under way, for clients to show. */
  stopRequest(id: string): StopRequest | null {
    return stopRequestOf(this.runs.get(id)?.intent ?? null);
  }

  /** The run has every byte; false when it was marked already or is no longer the job's run. */
  markFinishing(id: string, run: Running): boolean {
    if (run.finishing || this.runs.get(id) !== run) return false;
    run.finishing = true;
    this.finishing++;
    return true;
  }

  delete(id: string, run: Running): void {
    if (this.runs.get(id) !== run) return;
    this.runs.delete(id);
    if (run.finishing) this.finishing--;
  }

  /** Whether another download may start with `maxJobs` slots. */
  hasSlot(maxJobs: number): boolean {
    return this.runs.size - this.finishing < maxJobs && this.finishing < MAX_FINISHING;
  }
}
