// Moving an unfinished download's kept bytes (its .part) to a new folder or name, so that a crash
// at any point is understood at the next start (see DESIGN.md, durability rule). The database
// takes the new place first, with where the .part still is (options.movedFrom): a write-ahead
// note. Then the .part is renamed (on the same filesystem), or copied under a temporary name,
// synced and renamed (across filesystems), and the note is cleared. At start-up a note left by a
// crash is finished: the .part still at the old place goes to the new one.
import { constants, copyFileSync, existsSync, fsyncSync, openSync, closeSync, renameSync, rmSync } from 'node:fs';
import { copyFile, lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsError } from '../download/part-file';
import type { JobRecord } from '../store/job-store';

/** Where a move puts a download: an absolute folder (omitted: its own) and a file name (omitted: its own). */
export interface MoveTarget {
  dir?: string;
  /** Already sanitized; omitted: the download keeps its name (or the one it would choose). */
  name?: string;
}

export function partPathOf(job: Pick<JobRecord, 'dir' | 'name'>): string {
  return join(job.dir, `${job.name!}.part`);
}

/** Moves `from` to `to` (free: reserved before); false when there is no `from` (nothing kept yet). */
export async function movePart(from: string, to: string): Promise<boolean> {
  if (!(await exists(from))) return false;
  try {
    await rename(from, to);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw fsError(err, to);
  }
  // Another filesystem: a copy under a temporary name, on disk before it takes the .part's name.
  const temp = `${to}.moving`;
  try {
    await rm(temp, { force: true });
    await copyFile(from, temp, constants.COPYFILE_EXCL);
    const file = await open(temp, 'r+');
    await file.datasync().finally(() => file.close());
    await rename(temp, to);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw fsError(err, to);
  }
  await rm(from, { force: true }).catch(() => undefined);
  return true;
}

/**
 * Finishes a move a crash cut short (synchronously: at start-up, for the few jobs concerned).
 * Returns the job's options without the note; the .part is at the recorded place if it was kept.
 */
export function finishInterruptedMove(job: JobRecord): JobRecord['options'] {
  const { movedFrom, ...options } = job.options;
  if (!movedFrom || job.name === null) return options;
  const to = partPathOf(job);
  const temp = `${to}.moving`;
  try {
    // A copy across filesystems that was cut short: the original is still whole.
    rmSync(temp, { force: true });
    if (!existsSync(to) && existsSync(movedFrom)) {
      try {
        renameSync(movedFrom, to);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        copyFileSync(movedFrom, temp, constants.COPYFILE_EXCL);
        const fd = openSync(temp, 'r+');
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(temp, to);
        rmSync(movedFrom, { force: true });
      }
    }
  } catch {
    // The folder is gone or cannot be written: the download then starts again from zero, saying why.
  }
  return options;
}

export async function ensureFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true }).catch((err: unknown) => {
    throw fsError(err, dir);
  });
}

function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
