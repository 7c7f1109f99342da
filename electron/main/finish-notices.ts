// What the desktop app says when a download settles, as the user's notification prefs allow.
// Plain data (no Electron), so it is tested in Node; tray.ts shows it.
import type { JobSnapshot } from '../../shared/models/job';
import type { Prefs } from '../../shared/models/prefs';
import { displayUrl } from '../../shared/format';

export interface FinishNotice {
  title: string;
  body: string;
}

export function noticeFor(job: JobSnapshot, wanted: Prefs['notifications']): FinishNotice | null {
  // Never the address with its password: a notification stays on screen and in the system's history.
  const name = job.name ?? job.requestedName ?? displayUrl(job.url);
  if (job.status === 'completed') return wanted.completed ? { title: 'Download complete', body: name } : null;
  if (job.status === 'failed') return wanted.failed ? { title: 'Download failed', body: `${name}: ${job.error?.message ?? 'unknown error'}` } : null;
  // Paused by an error (a full disk): the user must act, like a failure.
  if (job.status === 'paused' && job.error) return wanted.failed ? { title: 'Download paused', body: `${name}: ${job.error.message}` } : null;
  return null;
}
