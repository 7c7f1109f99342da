// What can be done to a download right now, as the engine's scheduler allows it. The toolbar
// and the task list's menu both ask, so their buttons are enabled for the same rows.
import type { JobRow } from '../../../shared/models/job-row';
import type { AppState } from './app-store';

export function canPause(r: JobRow): boolean {
  return (r.status === 'queued' || r.status === 'active') && r.stopping === null;
}

/** A paused download, or one still pausing (the pause is taken back). */
export function canResume(r: JobRow): boolean {
  return r.status === 'paused' || (r.status === 'active' && r.stopping === 'pause');
}

export function canRetry(r: JobRow): boolean {
  return r.status === 'failed' || r.status === 'cancelled';
}

export function canCancel(r: JobRow): boolean {
  return r.status !== 'completed' && r.status !== 'cancelled' && r.stopping !== 'cancel' && r.stopping !== 'remove';
}

/** Only a download that has not finished can take a new address (kept bytes are checked against it). */
export function canChangeAddress(r: JobRow): boolean {
  return r.completedAt === null && r.status !== 'completed' && r.status !== 'verifying' && r.status !== 'extracting';
}

export function canOpen(r: JobRow): boolean {
  return r.status === 'completed' && r.path !== null;
}

/** Another folder or name: only while the download has not finished (the engine refuses a finished one). */
export const canMove = canChangeAddress;

/** A finished file can be hashed again. */
export const canVerify = canOpen;

/** What the engine's extractor opens (settings say the same: zip, tar and its compressions, gz). */
const ARCHIVE = /\.(zip|tar|tgz|tar\.gz|txz|tar\.xz|tbz2?|tar\.bz2|gz)$/i;

/** A finished archive can be extracted on demand. */
export function canExtract(r: JobRow): boolean {
  return canOpen(r) && ARCHIVE.test(r.name ?? r.path ?? '');
}

/** The selected rows that still exist, in no particular order. */
export function selectedRows(s: Pick<AppState, 'selection' | 'list'>): JobRow[] {
  const out: JobRow[] = [];
  for (const id of s.selection) {
    const r = s.list.rows.get(id);
    if (r) out.push(r);
  }
  return out;
}

/** True when some selected row passes `test`: a boolean, so a view selecting it repaints only when it flips. */
export function anySelected(s: Pick<AppState, 'selection' | 'list'>, test: (r: JobRow) => boolean): boolean {
  for (const id of s.selection) {
    const r = s.list.rows.get(id);
    if (r && test(r)) return true;
  }
  return false;
}

/** The selected ids that pass `test`, in queue order (what a command on the selection sends). */
export function selectedIds(s: Pick<AppState, 'selection' | 'list'>, test: (r: JobRow) => boolean = () => true): string[] {
  if (s.selection.size === 0) return [];
  return s.list.order.filter((id) => {
    if (!s.selection.has(id)) return false;
    const r = s.list.rows.get(id);
    return r !== undefined && test(r);
  });
}

/**
 * Space on a selection: pause what runs, or, when nothing in it runs, resume what is paused. Ids
 * empty when neither applies.
 */
export function pauseOrResume(s: Pick<AppState, 'selection' | 'list'>): { channel: 'jobs.pause' | 'jobs.resume'; ids: string[] } {
  const pause = selectedIds(s, canPause);
  if (pause.length > 0) return { channel: 'jobs.pause', ids: pause };
  return { channel: 'jobs.resume', ids: selectedIds(s, canResume) };
}
