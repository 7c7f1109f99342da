// Before continuing a download from its recorded ranges: is that still possible, or did the
// previous run in fact finish just before the process died?
import type { RestartCause } from '../../../shared/models/job-note';
import type { JobRecord, SegmentRecord } from '../store/job-store';
import { ownFileSize } from './part-file';

/**
 * The file was complete and renamed into place, but the process died before recording that: no
 * .part (`partSize` null), and the job's reserved name holds a file of exactly the expected
 * length. (Names are reserved free when chosen, so that file is this job's; a link put there is
 * not, whatever it points to.)
 */
export async function finishedBeforeCrash(job: JobRecord, partSize: number | null, finalPath: string): Promise<boolean> {
  if (job.total === null || partSize !== null) return false;
  return (await ownFileSize(finalPath)) === job.total;
}

/** Why the recorded ranges can't be continued from a .part of `partSize` bytes, or null if they can. */
export function cannotResume(job: JobRecord, records: SegmentRecord[], partSize: number | null): RestartCause | null {
  if (!job.acceptRanges || job.total === null) return { why: 'notResumable' };
  if (partSize === null) return { why: 'partMissing' };
  // Only ranges with bytes count: an untouched range starting at 5 MiB says nothing about the size.
  const recorded = Math.max(0, ...records.filter((r) => r.done > 0).map((r) => r.start + r.done));
  if (partSize < recorded) return { why: 'partShort' };
  return null;
}
