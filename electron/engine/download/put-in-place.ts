// The last step of a download: the finished (and verified) .part is renamed into place, in an
// order that leaves every crash understood by the next run.
import { join } from 'node:path';
import type { FetcherHooks } from '../fetcher';
import type { JobPatch, JobRecord } from '../store/job-store';
import { moveIntoPlace } from './part-file';
import { placedFileAt } from './placed-file';
import { nameTaken } from './unsafe-files';

export interface Finished {
  job: JobRecord;
  partPath: string;
  total: number;
  /** Everything pending must be committed before the rename (a checksum verdict). */
  commitAll: boolean;
  /** The length written to the database with the name, if any. */
  recordedTotal: number | null | undefined;
}

export interface PlaceDeps {
  hooks: Pick<FetcherHooks, 'saveSegments' | 'flush' | 'writeThrough'>;
  /** Applies a change to the job (memory and write-behind). */
  patch(p: JobPatch): void;
  /** A free path for the name, when a file took it meanwhile. */
  reservePath(dir: string, name: string): Promise<string>;
}

export async function putInPlace(f: Finished, deps: PlaceDeps): Promise<void> {
  const { job, total } = f;
  let target = join(job.dir, job.name!);
  if (await nameTaken(target, f.partPath)) target = await deps.reservePath(job.dir, job.name!);
  const name = target.slice(job.dir.length).replace(/^[\\/]+/, '');
  const renamed = name !== job.name;
  deps.hooks.saveSegments([{ start: 0, end: total, done: total }]);
  deps.patch({ name, total });
  // A crash between the rename and the next commit leaves the finished file under its recorded
  // name and no .part, which finishedBeforeCrash recognises by the recorded length: name and
  // length are in the database before the rename. A new name or a checksum verdict is committed
  // with everything pending; else the length alone, unless it went in with the name (without a
  // Content-Length it is known only now). A commit per file would cost small downloads most of
  // their time.
  if (renamed || f.commitAll) await deps.hooks.flush();
  else if (total !== f.recordedTotal) deps.hooks.writeThrough({ name, total });
  await moveIntoPlace(f.partPath, target);
  // What tells this file from another put under its name later (see job-files.ts).
  deps.patch({ completedAt: Date.now(), placedFile: await placedFileAt(target) });
}
