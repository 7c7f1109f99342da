// What the screen-reader announcer (and, in a browser, a notification) says: a download that just
// completed, failed, or was paused by an error it cannot get past alone (a full disk), read from
// the change between two versions of the task list. Rows seen for the first time (the first list,
// a new download) are never announced, nor pauses and cancellations the user made. Pure, so
// tested in Node.
import type { JobRow } from '../../../../shared/models/job-row';
import type { Prefs } from '../../../../shared/models/prefs';
import { errorWords } from '../../../../shared/words/error-words';
import type { Words } from '../../../../shared/words/words';

export interface Announcement {
  kind: 'completed' | 'failed' | 'paused';
  name: string;
  /** What went wrong (failed, paused), in words said in the UI's language. */
  reason: Words | null;
}

/** The name people know a download by: its file name, or the last part of its address. */
export function displayName(row: Pick<JobRow, 'name' | 'url'>): string {
  if (row.name) return row.name;
  const path = row.url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || row.url;
  } catch {
    return last || row.url;
  }
}

function kindOf(before: JobRow, row: JobRow): Announcement['kind'] | null {
  if (before.status === row.status) return null;
  if (row.status === 'completed' || row.status === 'failed') return row.status;
  // Paused by an error: the user must act, as after a failure.
  if (row.status === 'paused' && row.error) return 'paused';
  return null;
}

export function announcements(prev: ReadonlyMap<string, JobRow>, next: ReadonlyMap<string, JobRow>): Announcement[] {
  if (prev === next || prev.size === 0) return [];
  const out: Announcement[] = [];
  for (const [id, row] of next) {
    const before = prev.get(id);
    // Unchanged rows keep their object (job-rows makes a new one only for a changed row).
    if (!before || before === row) continue;
    const kind = kindOf(before, row);
    if (kind) out.push({ kind, name: displayName(row), reason: kind === 'completed' || !row.error ? null : errorWords(row.error) });
  }
  return out;
}

/**
 * One sentence per download, or a count per kind when many finish at once (a list of names helps
 * nobody). Words to say (a reason inside is said first).
 */
export type Spoken = { kind: Announcement['kind'] } & (
  | { key: 'completed'; values: { name: string } }
  | { key: 'failed' | 'paused'; values: { name: string }; reason: Words }
  | { key: 'failedNoReason'; values: { name: string } }
  | { key: 'completedMany' | 'failedMany' | 'pausedMany'; values: { count: number } }
);

export const NAMES_AT_MOST = 3;

export function spoken(list: readonly Announcement[]): Spoken[] {
  const out: Spoken[] = [];
  for (const kind of ['completed', 'failed', 'paused'] as const) {
    const of = list.filter((a) => a.kind === kind);
    if (of.length > NAMES_AT_MOST) {
      out.push({ kind, key: `${kind}Many`, values: { count: of.length } });
      continue;
    }
    for (const a of of) {
      if (a.kind === 'completed') out.push({ kind, key: 'completed', values: { name: a.name } });
      else if (a.reason) out.push({ kind, key: a.kind, values: { name: a.name }, reason: a.reason });
      else out.push({ kind, key: 'failedNoReason', values: { name: a.name } });
    }
  }
  return out;
}

/** Whether the user asked to be told about this kind (a pause by an error counts as a failure). */
export function wanted(kind: Announcement['kind'], notifications: Prefs['notifications']): boolean {
  return kind === 'completed' ? notifications.completed : notifications.failed;
}
