// How many files a remove with "also delete the files" would delete: a finished file, or the part
// file of one that has started.
import type { JobRow } from '../../../../shared/models/job-row';

export function filesOnDisk(rows: readonly JobRow[]): number {
  return rows.filter((r) => r.status === 'completed' || r.received > 0 || r.extractedTo !== null).length;
}
