import { mkdir, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Claims a new folder `stem`, `stem (1)`, `stem (2)`…; mkdir without `recursive` is the atomic test. */
export async function makeOutputDir(parentDir: string, stem: string): Promise<string> {
  for (let i = 0; i < 10_000; i++) {
    const dir = join(parentDir, i === 0 ? stem : `${stem} (${i})`);
    try {
      await mkdir(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`No free folder name for "${stem}" in ${parentDir}`);
}

/** An empty `dir` to extract into, replacing what an interrupted attempt left there. */
export async function freshWorkDir(dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 }); // a link there is removed, never followed
  await mkdir(dir);
  return dir;
}

/** Renames the finished `workDir` to a new folder `stem`, `stem (1)`…, claimed first so nothing is replaced. */
export async function moveToNewFolder(workDir: string, parentDir: string, stem: string): Promise<string> {
  const dir = await makeOutputDir(parentDir, stem);
  try {
    await rename(workDir, dir); // replaces the empty folder just claimed (POSIX)
  } catch (err) {
    await rmdir(dir).catch(() => undefined);
    // Windows renames no folder onto another, even an empty one: free the name, then rename.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
    await rename(workDir, dir);
  }
  return dir;
}

/** Deletes the archive; call only after a fully successful extraction. False if it could not be. */
export async function deleteArchive(archive: string): Promise<boolean> {
  try {
    await unlink(archive);
    return true;
  } catch {
    return false;
  }
}
