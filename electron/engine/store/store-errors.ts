// A database write that fails because of the disk, said the way a user can act on: the download
// list lives on a disk too, and a full one must pause things with a message, not crash the app.
import { HaulError } from '../../../shared/errors';

/** SQLite's words for a full disk, and for a file or folder it may not write. */
const FULL = new Set(['SQLITE_FULL']);
const UNWRITABLE = /^SQLITE_(READONLY|CANTOPEN|PERM|IOERR)/;

export function storeWriteError(file: string, err: unknown): unknown {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return err;
  if (FULL.has(code)) {
    return new HaulError('HAUL_E_DISK_FULL', `Disk full while saving the download list (${file}). Free some space, then resume: nothing already downloaded is lost.`, { cause: err });
  }
  if (UNWRITABLE.test(code)) {
    return new HaulError('HAUL_E_NOT_WRITABLE', `Cannot save the download list (${file}): ${(err as Error).message} (${code}).`, { cause: err });
  }
  return err;
}

/** The store's writing methods, each turning a disk failure into storeWriteError's error. */
export function guardWrites<T extends object>(store: T, file: string, methods: readonly (keyof T)[]): T {
  const guarded = { ...store };
  for (const name of methods) {
    const fn = store[name];
    if (typeof fn !== 'function') continue;
    guarded[name] = ((...args: unknown[]) => {
      try {
        return (fn as (...a: unknown[]) => unknown)(...args);
      } catch (err) {
        throw storeWriteError(file, err);
      }
    }) as T[keyof T];
  }
  return guarded;
}

/** A failure that waiting (for room, for a permission) can cure: the pending writes are kept and retried. */
export function isDiskTrouble(err: unknown): boolean {
  return err instanceof HaulError && (err.code === 'HAUL_E_DISK_FULL' || err.code === 'HAUL_E_NOT_WRITABLE');
}
