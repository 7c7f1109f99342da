// Before a download of known size writes anything, is there room for what is left of it? Saying
// so at once (the job pauses, resumable once space is freed) beats spending the transfer until the
// disk fills. Downloads running side by side can still fill it together: a write's ENOSPC then
// pauses the job the same way.
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HaulError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/format';

/** Free bytes for this user on the disk holding `dir` (or its nearest existing parent); null when unknown. */
async function freeBytes(dir: string): Promise<number | null> {
  for (let d = dir; ; d = dirname(d)) {
    try {
      const s = await statfs(d);
      return s.bavail * s.bsize;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(d) === d) return null;
    }
  }
}

/** Below this the first write would tell as soon, and 1,000 small downloads skip a syscall each. */
const CHECK_FROM_BYTES = 4 * 1024 * 1024;

export async function ensureRoom(dir: string, name: string, needed: number): Promise<void> {
  if (needed < CHECK_FROM_BYTES) return;
  const free = await freeBytes(dir);
  if (free !== null && free < needed) {
    throw new HaulError('HAUL_E_DISK_FULL', `Not enough disk space for ${name} in ${dir}: ${formatBytes(needed)} still to download, ${formatBytes(free)} free. Free some space, then resume.`);
  }
}
