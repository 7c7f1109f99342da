import { mkdir, unlink } from 'node:fs/promises';
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

/** Deletes the archive; call only after a fully successful extraction. False if it could not be. */
export async function deleteArchive(archive: string): Promise<boolean> {
  try {
    await unlink(archive);
    return true;
  } catch {
    return false;
  }
}
