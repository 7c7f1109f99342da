// One Haul per database: two engines on the same job list would download the same files into the
// same .part files and overwrite each other's records. The lock is one the operating system drops
// the moment its holder dies (a crash, kill -9, a power cut): a write transaction held open on a
// small SQLite file beside the database, `<db>-lock` (fcntl locks on Linux and macOS, LockFileEx on
// Windows). A process id is no lock: a killed process stays a zombie that still answers
// kill(pid, 0) until its parent reaps it, and after a reboot an unrelated process may have its id.
//
// `<db>.lock` only names the holder, for the message a second Haul shows. Haul versions before
// this lock took that file for the lock itself, so they still refuse while this one runs; one they
// left behind is overwritten.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { HaulError } from '../../../shared/errors';

export interface DatabaseLock {
  release(): void;
}

export interface DatabaseLockOptions {
  /** Path to a better_sqlite3.node built for the running ABI (Electron ships its own build). */
  nativeBinding?: string;
}

/** The file the operating system locks. Never opened but through SQLite: on Linux and macOS, closing any other descriptor of it would drop this process's lock. */
const lockFileOf = (file: string): string => `${file}-lock`;
/** Who holds the lock, for messages: `<pid>\n<host>\n`. */
const holderFileOf = (file: string): string => `${file}.lock`;

/** Takes the lock of `file` (the database) for as long as this process lives, or throws HAUL_E_INVALID_STATE naming who holds it. */
export function lockDatabase(file: string, options: DatabaseLockOptions = {}): DatabaseLock {
  let db: Database.Database;
  try {
    // timeout 0: a held lock is an answer now, not something to wait for.
    db = new Database(lockFileOf(file), { timeout: 0, nativeBinding: options.nativeBinding });
  } catch (err) {
    throw cannotLock(file, err);
  }
  try {
    // SQLite's RESERVED lock, one holder at a time, kept until close() or the end of the process.
    // Nothing is ever written: the file stays empty and no journal appears beside it.
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    db.close();
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw inUse(file);
    throw cannotLock(file, err);
  }
  const me = `${process.pid}\n${hostname()}\n`;
  try {
    writeFileSync(holderFileOf(file), me);
  } catch {
    // Only the message of a refused Haul needs it: the lock above is what counts.
  }
  let held = true;
  return {
    release: () => {
      if (!held) return;
      held = false;
      // The note first: once the lock is gone, the next holder writes its own.
      try {
        if (readFileSync(holderFileOf(file), 'utf8') === me) unlinkSync(holderFileOf(file));
      } catch {
        // Already gone.
      }
      db.close();
    },
  };
}

function inUse(file: string): HaulError {
  const h = holder(file);
  const who = !h ? '' : h.host === hostname() ? ` (process ${h.pid})` : ` (process ${h.pid} on ${h.host})`;
  return new HaulError('HAUL_E_INVALID_STATE', `Another Haul${who} is using ${file}. Wait for it to finish, or give this one another database (--db).`);
}

/** The holder's note, or null when there is none yet (it is written just after the lock is taken) or it is garbled. */
function holder(file: string): { pid: number; host: string } | null {
  try {
    const m = /^(\d+)\n([^\n]*)\n$/.exec(readFileSync(holderFileOf(file), 'utf8'));
    return m ? { pid: Number(m[1]), host: m[2]! } : null;
  } catch {
    return null;
  }
}

function cannotLock(file: string, err: unknown): HaulError {
  return new HaulError('HAUL_E_NOT_WRITABLE', `Cannot lock the download list ${file}: ${(err as Error).message}`, { cause: err });
}
