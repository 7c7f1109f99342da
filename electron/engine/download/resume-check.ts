// Before continuing a download from its recorded ranges: is that still possible, or did the
// previous run in fact finish just before the process died?
import type { JobRecord, SegmentRecord } from '../store/job-store';
import { fileSize } from './part-file';

/** The file was complete and renamed into place, but the process died before recording that. */
export async function finishedBeforeCrash(job: JobRecord, records: SegmentRecord[], partPath: string, finalPath: string): Promise<boolean> {
  const total = job.total;
  if (total === null || records.reduce((n, r) => n + r.done, 0) !== total) return false;
  if ((await fileSize(partPath)) !== null) return false;
  return (await fileSize(finalPath)) === total;
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
