// The files a download leaves in its folder, removed on request (cancel, remove with files).
// Quietly: a file the user already moved or deleted is not an error.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { removeQuietly } from '../download/part-file';
import { isSameFile, placedFileAt } from '../download/placed-file';
import type { JobRecord } from '../store/job-store';

/**
 * Where the extraction of `archive` writes until it is complete (then renamed to its folder): one
 * per job, so an attempt cut short is replaced by the next, never continued into "name (1)/".
 */
export function extractWorkDir(archive: string): string {
  return `${archive}.extracting`;
}

/**
 * 'part': the unfinished `.part` only. 'written': what the download wrote, i.e. its finished file
 * while that is still the one it put in place, else (unfinished) its `.part`. Never the file under
 * the name of an unfinished download: the name was free when chosen, so that file is someone else's.
 * Both also take a cut-short extraction's work folder.
 */
export async function deleteJobFiles(job: JobRecord, which: 'part' | 'written'): Promise<void> {
  if (!job.name) return;
  const finalPath = join(job.dir, job.name);
  await rm(extractWorkDir(finalPath), { force: true, recursive: true }).catch(() => undefined);
  if (which === 'part' || job.completedAt === null) return removeQuietly(`${finalPath}.part`);
  const found = await placedFileAt(finalPath);
  if (found === null) return;
  // Finished by a version that did not record the placed file: its length is all there is to go by.
  const placed = job.placedFile;
  if (placed ? isSameFile(found, placed) : found.size === job.total) await removeQuietly(finalPath);
}
