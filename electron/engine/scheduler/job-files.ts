// The files a download leaves in its folder, removed on request (cancel, remove with files).
// Quietly: a file the user already moved or deleted is not an error.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRecord } from '../store/job-store';

/** 'part': the unfinished `.part` only; 'all': the finished file too. */
export async function deleteJobFiles(job: JobRecord, which: 'part' | 'all'): Promise<void> {
  if (!job.name) return;
  const paths = [join(job.dir, `${job.name}.part`)];
  if (which === 'all') paths.push(join(job.dir, job.name));
  await Promise.all(paths.map((p) => rm(p, { force: true }).catch(() => undefined)));
}
