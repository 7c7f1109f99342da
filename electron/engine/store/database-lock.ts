// One Haul per database: two engines on the same job list would download the same files into the
// same .part files and overwrite each other's records. A lock file beside the database names the
// process holding it; one left by a process that died (a crash, kill -9) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { HaulError } from '../../../shared/errors';

export interface DatabaseLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(lockPath: string): { pid: number; host: string } | null {
  try {
    const [pid, host] = readFileSync(lockPath, 'utf8').split('\n');
    const n = Number(pid);
    return Number.isSafeInteger(n) && n > 0 ? { pid: n, host: host ?? '' } : null;
  } catch {
    return null;
  }
}

/** Takes the lock of `file` (the database), or throws HAUL_E_INVALID_STATE naming who holds it. */
export function lockDatabase(file: string): DatabaseLock {
  const lockPath = `${file}.lock`;
  const me = `${process.pid}\n${hostname()}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, me);
      } finally {
        closeSync(fd);
      }
      return {
        release: () => {
          try {
            if (readFileSync(lockPath, 'utf8') === me) unlinkSync(lockPath);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new HaulError('HAUL_E_NOT_WRITABLE', `Cannot lock the download list ${file}: ${(err as Error).message}`, { cause: err });
      }
      const h = holder(lockPath);
      // Another machine's lock (a shared folder) cannot be checked: it stands.
      if (h && (h.host !== hostname() || (h.pid !== process.pid && alive(h.pid)))) {
        const where = h.host === hostname() ? `process ${h.pid}` : `process ${h.pid} on ${h.host}`;
        throw new HaulError('HAUL_E_INVALID_STATE', `Another Haul (${where}) is using ${file}. Wait for it to finish, or give this one another database (--db).`);
      }
      // Left by a process that is gone (or unreadable): take it over.
      try {
        unlinkSync(lockPath);
      } catch {
        // Someone else removed it first; try again.
      }
    }
  }
  throw new HaulError('HAUL_E_INVALID_STATE', `Could not lock ${file}: another Haul keeps taking it.`);
}
