// The files a download leaves in its folder, removed on request (cancel, remove with files).
// Quietly: a file the user already moved or deleted is not an error.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRecord } from '../store/job-store';

/**
 * Where the extraction of `archive` writes until it is complete (then renamed to its folder): one
 * per job, so an attempt cut short is replaced by the next, never continued into "name (1)/".
 */
export function extractWorkDir(archive: string): string {
  return `${archive}.extracting`;
}

/** 'part': the unfinished `.part` (and a cut-short extraction's work folder); 'all': the finished file too. */
export async function deleteJobFiles(job: JobRecord, which: 'part' | 'all'): Promise<void> {
  if (!job.name) return;
  const paths = [join(job.dir, `${job.name}.part`), extractWorkDir(join(job.dir, job.name))];
  if (which === 'all') paths.push(join(job.dir, job.name));
  await Promise.all(paths.map((p) => rm(p, { force: true, recursive: true }).catch(() => undefined)));
}
