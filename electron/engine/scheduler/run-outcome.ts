// How a finished run turns into the job's next state: one pure table, so every way a download
// can end (done, paused, cancelled, removed, failed, disk full, app quitting) is decided here.
import { toErrorInfo } from '../../../shared/errors';
import type { StopRequest } from '../../../shared/models/job';
import type { JobPatch } from '../store/job-store';

/** `restart`: stopped to start again at once (the job's address changed, or a resume came meanwhile). */
export type StopIntent = 'pause' | 'cancel' | 'remove' | 'remove-files' | 'shutdown' | 'restart';

// Weakest first. Quitting is not the user's wish: it keeps whatever they asked before it.
const STRENGTH: readonly StopIntent[] = ['shutdown', 'restart', 'pause', 'cancel', 'remove', 'remove-files'];

/** The stop that holds once `next` is asked for while `current` is under way: never the weaker one. */
export function strongerIntent(current: StopIntent | null, next: StopIntent): StopIntent {
  return current !== null && STRENGTH.indexOf(current) >= STRENGTH.indexOf(next) ? current : next;
}

/** What clients are shown of a stop under way: only what the user asked for. */
export function stopRequestOf(intent: StopIntent | null): StopRequest | null {
  if (intent === 'remove-files') return 'remove';
  return intent === 'pause' || intent === 'cancel' || intent === 'remove' ? intent : null;
}

export type NextStep =
  | { kind: 'forget'; deleteFiles: boolean }
  | { kind: 'update'; patch: JobPatch; discardPartial: boolean };

export function nextStep(outcome: 'completed' | 'stopped', err: unknown, intent: StopIntent | null, now = Date.now()): NextStep {
  if (intent === 'remove' || intent === 'remove-files') return { kind: 'forget', deleteFiles: intent === 'remove-files' };
  const update = (patch: JobPatch, discardPartial = false): NextStep => ({ kind: 'update', patch, discardPartial });
  if (err) {
    const error = toErrorInfo(err);
    // A full disk is not the download's fault: keep it resumable once space is freed.
    return update({ status: error.code === 'HAUL_E_DISK_FULL' ? 'paused' : 'failed', error });
  }
  if (outcome === 'completed') return update({ status: 'completed', error: null, completedAt: now });
  if (intent === 'cancel') return update({ status: 'cancelled' }, true);
  if (intent === 'pause') return update({ status: 'paused' });
  // Stopped by shutdown (back in the queue, so it continues at the next start) or to restart.
  return update({ status: 'queued' });
}
