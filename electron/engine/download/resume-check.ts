// Before continuing a download from its recorded ranges: is that still possible, or did the
// previous run in fact finish just before the process died?
import type { JobRecord, SegmentRecord } from '../store/job-store';
import { fileSize } from './part-file';

/**
 * The file was complete and renamed into place, but the process died before recording that: no
 * .part, and the job's reserved name holds a file of exactly the expected length. (Names are
 * reserved free when chosen, so that file is this job's.)
 */
export async function finishedBeforeCrash(job: JobRecord, partPath: string, finalPath: string): Promise<boolean> {
  if (job.total === null) return false;
  if ((await fileSize(partPath)) !== null) return false;
  return (await fileSize(finalPath)) === job.total;
}

/** Why the recorded ranges can't be continued, or null if they can. */
export async function cannotResume(job: JobRecord, records: SegmentRecord[], partPath: string): Promise<string | null> {
  if (!job.acceptRanges || job.total === null) return 'the server does not support resuming this download';
  const size = await fileSize(partPath);
  if (size === null) return 'the partial file was missing';
  // Only ranges with bytes count: an untouched range starting at 5 MiB says nothing about the size.
  const recorded = Math.max(0, ...records.filter((r) => r.done > 0).map((r) => r.start + r.done));
  if (size < recorded) return 'the partial file is shorter than what was recorded';
  return null;
}
