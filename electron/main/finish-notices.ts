// What the desktop app says when a download settles, as the user's notification prefs allow, in
// the UI's language. Plain data (no Electron), so it is tested in Node; tray.ts shows it.
import type { JobSnapshot } from '../../shared/models/job';
import type { Prefs } from '../../shared/models/prefs';
import { displayUrl } from '../../shared/format';
import { errorWords } from '../../shared/words/error-words';
import type { Language } from '../../shared/words/language';
import { sayError, shellWords } from './shell-words';

export interface FinishNotice {
  title: string;
  body: string;
}

export function noticeFor(job: JobSnapshot, wanted: Prefs['notifications'], language: Language): FinishNotice | null {
  const words = shellWords(language);
  // Never the address with its password: a notification stays on screen and in the system's history.
  const name = job.name ?? job.requestedName ?? displayUrl(job.url);
  const why = (): string => sayError(job.error ? errorWords(job.error) : { key: 'error.other' }, language);
  if (job.status === 'completed') return wanted.completed ? { title: words.completed, body: name } : null;
  if (job.status === 'failed') return wanted.failed ? { title: words.failed, body: `${name}: ${why()}` } : null;
  // Paused by an error (a full disk): the user must act, like a failure.
  if (job.status === 'paused' && job.error) return wanted.failed ? { title: words.paused, body: `${name}: ${why()}` } : null;
  return null;
}
