// The `.part` file a download writes into. Writes land at explicit offsets (many connections
// share one file); `sync()` is the durability point after which ranges may be recorded as done.
import { close, constants, fdatasync, fstat, ftruncate, lstat, open, stat, write, writev, type Stats } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { HaulError } from '../../../shared/errors';
import { foreignFileError, linkError, refuseLink } from './unsafe-files';

type Callback<T> = (err: NodeJS.ErrnoException | null, value?: T) => void;

/** Refuses to open a symbolic link where the platform can (not on Windows). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * A callback-style fs call as a promise. The part file uses plain descriptors rather than
 * FileHandle: 1,000 small downloads make five calls each, and FileHandle's bookkeeping per call
 * was a visible share of their CPU time.
 */
function call<T>(fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));
}

export class PartFile {
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  /**
   * Opens for positional writes. `fresh` empties the file (a new download or a restart from zero);
   * otherwise what is there is kept (resume) and a missing file is created.
   *
   * In a folder others can write to, someone may put a link (or a hard link, or a file of their
   * own) named like the .part, to make Haul write into another file: that is never followed nor
   * written through, and the error says what was found. A new file is created with O_EXCL (which
   * never follows a link), so a new download still opens its file in one call; an existing one is
   * opened with O_NOFOLLOW and checked before anything is emptied or written.
   */
  static async open(path: string, fresh = false): Promise<PartFile> {
    const openAs = (flags: number): Promise<PartFile> => call<number>((cb) => open(path, flags, 0o666, cb)).then((fd) => new PartFile(path, fd));
    try {
      try {
        return await openAs(constants.O_RDWR | constants.O_CREAT | constants.O_EXCL);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      if (NO_FOLLOW === 0) await refuseLink(path); // no O_NOFOLLOW here (Windows): look first
      const part = await openAs(constants.O_RDWR | NO_FOLLOW).catch(async (err: unknown) => {
        throw (await linkError(err, path)) ?? err;
      });
      try {
        await part.assertOwnFile();
        if (fresh) await part.truncate(0);
      } catch (err) {
        await part.close();
        throw err;
      }
      return part;
    } catch (err) {
      throw fsError(err, path);
    }
  }

  /** Like open(), creating the folder only when it is missing (no extra syscall per download otherwise). */
  static async openIn(dir: string, path: string, fresh: boolean): Promise<PartFile> {
    try {
      return await PartFile.open(path, fresh);
    } catch (err) {
      if (!(err instanceof HaulError) || err.code !== 'HAUL_E_NOT_WRITABLE') throw err;
      try {
        await mkdir(dir, { recursive: true });
      } catch (mkdirErr) {
        // EEXIST from a recursive mkdir: the folder's path (or one above it) is a file.
        if ((mkdirErr as NodeJS.ErrnoException).code === 'EEXIST' || (mkdirErr as NodeJS.ErrnoException).code === 'ENOTDIR') {
          throw new HaulError('HAUL_E_NOT_WRITABLE', `Cannot save into ${dir}: it is a file, not a folder.`, { cause: mkdirErr });
        }
        throw fsError(mkdirErr, dir);
      }
      return PartFile.open(path, fresh);
    }
  }

  /** A regular file found in place of the .part must be one this user made, with no other name. */
  private async assertOwnFile(): Promise<void> {
    const st = await call<Stats>((cb) => fstat(this.fd, cb));
    const problem = foreignFileError(st, this.path);
    if (problem) throw problem;
  }

  async write(buf: Buffer, position: number): Promise<void> {
    let off = 0;
    try {
      while (off < buf.length) {
        off += await call<number>((cb) => write(this.live(), buf, off, buf.length - off, position + off, cb));
      }
    } catch (err) {
      throw fsError(err, this.path);
    }
  }

  /** Gathered write of several chunks at one offset: no copy into one big buffer first. */
  async writev(chunks: Buffer[], position: number): Promise<void> {
    let pos = position;
    let rest = chunks;
    try {
      while (rest.length > 0) {
        const written = await call<number>((cb) => writev(this.live(), rest, pos, cb));
        pos += written;
        rest = dropBytes(rest, written);
      }
    } catch (err) {
      throw fsError(err, this.path);
    }
  }

  async sync(): Promise<void> {
    try {
      await call<unknown>((cb) => fdatasync(this.live(), cb));
    } catch (err) {
      throw fsError(err, this.path);
    }
  }

  async size(): Promise<number> {
    return (await call<Stats>((cb) => fstat(this.live(), cb))).size;
  }

  async truncate(len = 0): Promise<void> {
    try {
      await call<unknown>((cb) => ftruncate(this.live(), len, cb));
    } catch (err) {
      throw fsError(err, this.path);
    }
  }

  /** Closes once; later calls do nothing (a descriptor number may already belong to another file). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await call<unknown>((cb) => close(this.fd, cb)).catch(() => undefined);
  }

  private live(): number {
    if (this.closed) throw new HaulError('HAUL_E_INTERNAL', `${this.path} was used after it was closed`);
    return this.fd;
  }
}

/** The chunks left after the first `n` bytes were written (writev may write partially). */
function dropBytes(chunks: Buffer[], n: number): Buffer[] {
  let skip = n;
  let i = 0;
  while (i < chunks.length && skip >= chunks[i]!.length) skip -= chunks[i++]!.length;
  const rest = chunks.slice(i);
  if (rest.length > 0 && skip > 0) rest[0] = rest[0]!.subarray(skip);
  return rest;
}

/** Size of a file, or null when there is none (callback API for the same reasons as in unique-path.ts). */
export function fileSize(path: string): Promise<number | null> {
  return new Promise((resolve) => stat(path, (err, st) => resolve(err ? null : st.size)));
}

/** Size of a regular file at `path` itself (a link there is not followed); null for anything else or nothing. */
export function ownFileSize(path: string): Promise<number | null> {
  return new Promise((resolve) => lstat(path, (err, st) => resolve(err || !st.isFile() ? null : st.size)));
}

export async function moveIntoPlace(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    throw fsError(err, to);
  }
}

export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true }).catch(() => undefined);
}

/** Maps fs errors to the codes the scheduler acts on (a full disk pauses instead of failing). */
export function fsError(err: unknown, path: string): HaulError {
  if (err instanceof HaulError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new HaulError('HAUL_E_DISK_FULL', `Disk full while writing ${path}. Free some space, then resume: nothing already downloaded is lost.`, { cause: err });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
    return new HaulError('HAUL_E_NOT_WRITABLE', `Cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
  return new HaulError('HAUL_E_INTERNAL', `File error on ${path}: ${(err as Error | undefined)?.message ?? String(err)}`, { cause: err });
}
