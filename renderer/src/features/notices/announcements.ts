// What the screen-reader announcer says: a download that just completed or failed, read from the
// change between two versions of the task list. Rows seen for the first time (the first list, a
// new download) are never announced, nor cancellations the user made. Pure, so tested in Node.
import type { JobRow } from '../../../../shared/models/job-row';

export interface Announcement {
  kind: 'completed' | 'failed';
  name: string;
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

export function announcements(prev: ReadonlyMap<string, JobRow>, next: ReadonlyMap<string, JobRow>): Announcement[] {
  if (prev === next || prev.size === 0) return [];
  const out: Announcement[] = [];
  for (const [id, row] of next) {
    const before = prev.get(id);
    // Unchanged rows keep their object (job-rows makes a new one only for a changed row).
    if (!before || before === row || before.status === row.status) continue;
    if (row.status === 'completed' || row.status === 'failed') out.push({ kind: row.status, name: displayName(row) });
  }
  return out;
}

/** One sentence per download, or a count per kind when many finish at once (a list of names helps nobody). */
export type Spoken = { key: 'completed' | 'failed'; values: { name: string } } | { key: 'completedMany' | 'failedMany'; values: { count: number } };

export const NAMES_AT_MOST = 3;

export function spoken(list: readonly Announcement[]): Spoken[] {
  const out: Spoken[] = [];
  for (const kind of ['completed', 'failed'] as const) {
    const of = list.filter((a) => a.kind === kind);
    if (of.length > NAMES_AT_MOST) out.push({ key: `${kind}Many`, values: { count: of.length } });
    else for (const a of of) out.push({ key: kind, values: { name: a.name } });
  }
  return out;
}
