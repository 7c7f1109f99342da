// What happened to each job since the engine started, for the details panel: status changes,
// notes, waits to try again, failures. Kept in memory, a few dozen entries per job (the data
// folder's haul.log keeps the full story across runs).
import { errorInfo, type ErrorInfo } from '../../../shared/errors';
import type { JobSnapshot } from '../../../shared/models/job';
import { sameNote, type JobNote } from '../../../shared/models/job-note';
import type { JobEvent } from '../../../shared/models/job-row';
import { displayUrl } from '../../../shared/format';

const PER_JOB = 50;

interface Seen {
  status: string;
  note: JobNote | null;
  retryAt: number | null;
  events: JobEvent[];
}

export class JobHistory {
  private readonly jobs = new Map<string, Seen>();

  /** Takes the engine's snapshots of one progress tick. */
  observe(snapshots: readonly JobSnapshot[], removed: readonly string[], now = Date.now()): void {
    for (const s of snapshots) this.observeOne(s, now);
    for (const id of removed) this.jobs.delete(id);
  }

  events(id: string): JobEvent[] {
    return [...(this.jobs.get(id)?.events ?? [])];
  }

  private observeOne(s: JobSnapshot, at: number): void {
    let seen = this.jobs.get(s.id);
    if (!seen) {
      seen = { status: '', note: null, retryAt: null, events: [] };
      this.jobs.set(s.id, seen);
      // Seen in its first tick after it was added: say so, unless it is an old job changing state.
      if (at - s.createdAt < 60_000) push(seen, { at: s.createdAt, kind: 'added', subject: displayUrl(s.url) });
    }
    if (s.status !== seen.status) {
      const event = statusEvent(s, at, seen.status);
      if (event) push(seen, event);
      seen.status = s.status;
    }
    if (s.retry && s.retry.at !== seen.retryAt) {
      const { code, reason: message, httpStatus } = s.retry;
      push(seen, { at, kind: 'retry', error: errorInfo(code, message, httpStatus), retry: { attempt: s.retry.attempt + 1, maxTries: s.retry.maxTries } });
    }
    seen.retryAt = s.retry?.at ?? null;
    if (s.note && !sameNote(s.note, seen.note)) push(seen, { at, kind: 'note', note: s.note });
    seen.note = s.note;
  }
}

function statusEvent(s: JobSnapshot, at: number, before: string): JobEvent | null {
  switch (s.status) {
    case 'active':
      return { at, kind: before === 'paused' ? 'resumed' : 'started', subject: s.path ?? displayUrl(s.url) };
    case 'paused':
      return { at, kind: 'paused', ...withError(s.error) };
    case 'verifying':
      return { at, kind: 'verifying', ...(s.options.checksum && { subject: s.options.checksum.algo }) };
    case 'extracting':
      return { at, kind: 'extracting', ...(s.path !== null && { subject: s.path }) };
    case 'completed':
      return { at, kind: 'completed', ...(s.path !== null && { subject: s.path }) };
    case 'failed':
      return { at, kind: 'failed', ...withError(s.error) };
    case 'cancelled':
      return { at, kind: 'cancelled' };
    default:
      return null;
  }
}

/** The error as the event carries it: its code, message and HTTP status only. */
function withError(error: ErrorInfo | null): Pick<JobEvent, 'error'> {
  if (!error) return {};
  return { error: errorInfo(error.code, error.message, error.httpStatus) };
}

function push(seen: Seen, event: JobEvent): void {
  seen.events.push(event);
  if (seen.events.length > PER_JOB) seen.events.splice(0, seen.events.length - PER_JOB);
}
