// The downloads running now, how they are asked to stop, and how many of them hold a download
// slot: a run that has every byte (finishing: sync, verification, rename) no longer does, nor one
// that gave its slot back while every connection it wants waits for its host (parked).
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
  /** Waiting for its host without a download slot (see DownloadSlot). */
  parked: boolean;
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
  private parked = 0;

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
    this.unmarkParked(run);
    run.finishing = true;
    this.finishing++;
    return true;
  }

  /** The run gave its download slot back; false when it had already, or is no longer the job's run. */
  park(id: string, run: Running): boolean {
    if (run.parked || run.finishing || this.runs.get(id) !== run) return false;
    run.parked = true;
    this.parked++;
    return true;
  }

  /** A parked run takes a download slot again, if one is free. */
  unpark(id: string, run: Running, maxJobs: number): boolean {
    if (!run.parked) return true;
    if (this.runs.get(id) !== run || !this.hasSlot(maxJobs)) return false;
    this.unmarkParked(run);
    return true;
  }

  delete(id: string, run: Running): void {
    if (this.runs.get(id) !== run) return;
    this.runs.delete(id);
    if (run.finishing) this.finishing--;
    this.unmarkParked(run);
  }

  /** Whether another download may start (or a parked one go on) with `maxJobs` slots. */
  hasSlot(maxJobs: number): boolean {
    return this.runs.size - this.finishing - this.parked < maxJobs && this.finishing < MAX_FINISHING;
  }

  private unmarkParked(run: Running): void {
    if (!run.parked) return;
    run.parked = false;
    this.parked--;
  }
}
