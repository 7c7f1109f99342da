// Finds a free path for a download: `name.ext`, then `name (1).ext`, `name (2).ext`, … like
// browsers, keeping `.tar.gz` together and every candidate within the 255-byte name limit.

import { lstat } from 'node:fs';
import path from 'node:path';
import { HaulError } from '../../../shared/errors';
import { fitFileName, MAX_NAME_BYTES, splitExtension } from './file-name-parts';

export { splitExtension } from './file-name-parts';

/** The suffix of in-progress downloads (see DESIGN.md, durability rule). */
export const PART_SUFFIX = '.part';
// Leave room for the `.part` sibling, which must fit the filesystem's name limit too.
const NAME_BUDGET = MAX_NAME_BYTES - PART_SUFFIX.length;
const MAX_ATTEMPTS = 10_000;

/** True when `absPath` is strictly below `dir` (`dir` itself is not inside). */
export function isInside(dir: string, absPath: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(absPath));
  return rel !== '' && !path.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${path.sep}`);
}

/**
 * An absolute path directly inside `dir` where neither the file nor its `.part` exists and that
 * `isTaken` (names reserved by other running jobs) does not claim. Names are kept to 250 bytes so
 * `name.part` fits the 255-byte limit as well. Nothing is created on disk: callers
 * that reserve concurrently must record each result in `isTaken` before asking for the next.
 * `name` should come from `sanitizeFileName`; anything escaping `dir` is refused, not repaired.
 */
export async function reserveUniquePath(
  dir: string,
  name: string,
  isTaken: (absPath: string) => boolean = () => false,
): Promise<string> {
  const base = path.resolve(dir);
  const { stem, ext } = splitExtension(name);
  for (let n = 0; n < MAX_ATTEMPTS; n++) {
    const candidate = childPath(base, fitFileName(stem, ext, n === 0 ? '' : ` (${n})`, NAME_BUDGET));
    if (isTaken(candidate)) continue;
    if (await exists(candidate)) continue;
    if (await exists(candidate + PART_SUFFIX)) continue;
    return candidate;
  }
  throw new HaulError('HAUL_E_INVALID_STATE', `No free name for "${name}" after ${MAX_ATTEMPTS} attempts in ${base}`);
}

function childPath(base: string, fileName: string): string {
  const candidate = path.join(base, fileName);
  if (fileName.includes('\0') || path.dirname(candidate) !== base || !isInside(base, candidate)) {
    throw new HaulError('HAUL_E_INVALID_INPUT', `File name "${fileName}" does not stay inside ${base}`);
  }
  return candidate;
}

function exists(p: string): Promise<boolean> {
  // lstat: a dangling symlink still occupies the name. The callback API, not fs/promises: its
  // ENOENT costs ~10 µs of main-thread CPU against ~30, and unlike lstatSync it never blocks the
  // loop on the folder's lock while 16 downloads create and rename files in it (45 µs each,
  // more on a network share).
  return new Promise((resolve, reject) => {
    lstat(p, (err) => {
      if (!err) resolve(true);
      else if (err.code === 'ENOENT' || err.code === 'ENOTDIR') resolve(false);
      else reject(err);
    });
  });
}
