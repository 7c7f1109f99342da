// What a row is called before the engine has chosen a file name: the address's last path part.
import type { JobRow } from '../../../../shared/models/job-row';

export function displayName(row: Pick<JobRow, 'name' | 'url'>): string {
  if (row.name) return row.name;
  try {
    const path = new URL(row.url).pathname;
    const last = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    return last || row.url;
  } catch {
    return row.url;
  }
}
