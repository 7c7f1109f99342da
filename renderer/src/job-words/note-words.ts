// What the engine decided about a download (a restart from zero, fewer connections, a mirror),
// in words for the UI's language. The engine sends the note as data; its English sentence
// (noteText in shared/) is for the CLI and the log.
import type { JobNote, RestartCause } from '../../../shared/models/job-note';
import { errorWords } from '../../../shared/words/error-words';
import type { Words } from './words';

const CHANGED_KEYS = { etag: 'cause.changedEtag', lastModified: 'cause.changedLastModified', size: 'cause.changedSize' } as const;

/** Why the kept bytes could not be continued: a phrase that fits into a restart's sentence. */
export function causeWords(cause: RestartCause): Words {
  switch (cause.why) {
    case 'changed':
      return { key: CHANGED_KEYS[cause.what], values: { before: cause.before, after: cause.after } };
    case 'unexpectedStatus':
      return { key: 'cause.unexpectedStatus', values: { status: cause.status } };
    case 'wrongStart':
      return { key: 'cause.wrongStart', values: { got: cause.got, want: cause.want } };
    default:
      return { key: `cause.${cause.why}` };
  }
}

export function noteWords(note: JobNote): Words {
  switch (note.kind) {
    case 'restarted':
      return { key: 'note.restarted', reason: causeWords(note.cause) };
    case 'throttled':
      return { key: 'note.throttled', values: { status: note.status } };
    case 'addressChanged':
      return { key: 'note.addressChanged', values: { url: note.url } };
    case 'mirror':
      return { key: 'note.mirror', values: { from: note.from, to: note.to }, reason: errorWords(note.error) };
    case 'extractSkipped':
      // The plural follows what was skipped; the files extracted have their own (see strings.ts).
      return { key: 'note.extractSkipped', values: { entries: note.entries, count: note.skipped } };
    case 'notExtracted':
      // A cancel is no error: it says what became of the archive instead.
      if (note.error.code === 'HAUL_E_CANCELLED') return { key: 'note.extractCancelled' };
      return { key: 'note.notExtracted', reason: errorWords(note.error) };
    case 'text':
      // An older version's note, in the words it was written in.
      return { key: 'note.text', values: { text: note.text } };
  }
}
