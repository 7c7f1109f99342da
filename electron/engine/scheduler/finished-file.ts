// The file a finished download left, checked before a command acts on it (verify, extract, open,
// show in its folder): never a path a client names, only the job's own, and only while it is there.
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { displayUrl } from '../../../shared/format';
import { HaulError } from '../../../shared/errors';
import { isSameFile, placedFileAt } from '../download/placed-file';
import type { JobRecord } from '../store/job-store';

/** How a job is named in messages: its file name, else its address. */
export function jobLabel(job: JobRecord): string {
  return job.name ?? job.requestedName ?? displayUrl(job.url);
}

/** Downloaded (completed, or failed after: a verification or extraction), so it has a file. */
export function isDownloaded(job: JobRecord): boolean {
  return job.completedAt !== null && job.name !== null && (job.status === 'completed' || job.status === 'failed');
}

/** The job's finished file, a regular file (never a link put in its place); throws why not. */
export async function finishedFile(job: JobRecord, action: string): Promise<string> {
  if (!isDownloaded(job)) {
    throw new HaulError('HAUL_E_INVALID_STATE', `${jobLabel(job)} is not downloaded (it is ${job.status}): there is no file to ${action}.`);
  }
  const path = join(job.dir, job.name!);
  const st = await lstat(path).catch(() => null);
  if (st === null) throw new HaulError('HAUL_E_NOT_FOUND', `${path} is no longer there: it was moved or deleted.`);
  if (!st.isFile()) throw new HaulError('HAUL_E_UNSAFE_PATH', `${path} is not the file Haul downloaded (something else took its name); Haul did not ${action} it.`);
  return path;
}

/** As finishedFile, and still the very file the download put in place (not replaced nor changed since). */
export async function ownFinishedFile(job: JobRecord, action: string): Promise<string> {
  if (job.completedAt === null || job.name === null) {
    throw new HaulError('HAUL_E_INVALID_STATE', `${jobLabel(job)} is not downloaded (it is ${job.status}): there is no file to ${action}.`);
  }
  const path = join(job.dir, job.name);
  const found = await placedFileAt(path);
  if (found === null) throw new HaulError('HAUL_E_NOT_FOUND', `${path} is no longer there: it was moved or deleted.`);
  // Finished by a version that did not record the placed file: its length is all there is to go by.
  const same = job.placedFile ? isSameFile(found, job.placedFile) : found.size === job.total;
  if (!same) throw new HaulError('HAUL_E_INVALID_STATE', `${path} is not the file Haul downloaded: it was replaced or changed since. Haul did not ${action} it.`);
  return path;
}
