// The details panel's history: newest first, and each event's details as data the tab says in
// the UI's language (the engine records what happened, not sentences).
import type { ErrorInfo, HaulErrorCode } from '../../../../shared/errors';
import type { JobNote } from '../../../../shared/models/job-note';
import type { JobEvent } from '../../../../shared/models/job-row';
import { errorWords } from '../../../../shared/words/error-words';
import { noteWords } from '../../job-words/note-words';
import type { Words } from '../../job-words/words';

/** Events at the same millisecond are kept in the reverse of the order the engine recorded them (the later one happened after). */
export function newestFirst(events: readonly JobEvent[]): JobEvent[] {
  return events
    .map((event, i) => ({ event, i }))
    .sort((a, b) => b.event.at - a.event.at || b.i - a.i)
    .map(({ event }) => event);
}

/** An event's Details column. */
export interface EventDetails {
  /** Shown as it is: an address, a file's path, a checksum's algorithm. */
  subject: string | null;
  /** What happened, in this feature's words: a note, an error, a retry with its cause. */
  words: Words | null;
  /** The error's code, shown muted beside its words. */
  code: HaulErrorCode | null;
  /** The engine's own message (English), as the words' tooltip. */
  title: string | null;
}

/** An error a note carries (a mirror that failed, an extraction that did not happen). */
function noteError(note: JobNote | undefined): ErrorInfo | undefined {
  return note?.kind === 'mirror' || note?.kind === 'notExtracted' ? note.error : undefined;
}

function eventWords(e: JobEvent): Words | null {
  const cause = e.error && errorWords(e.error);
  if (e.retry) {
    const values = { attempt: e.retry.attempt, max: e.retry.maxTries };
    return cause ? { key: 'history.retry', values, reason: cause } : { key: 'history.try', values };
  }
  if (e.note) return noteWords(e.note);
  return cause ?? null;
}

export function eventDetails(e: JobEvent): EventDetails {
  const words = eventWords(e);
  return {
    subject: e.subject ?? null,
    words,
    code: e.error?.code ?? null,
    title: words ? ((e.error ?? noteError(e.note))?.message ?? null) : null,
  };
}
