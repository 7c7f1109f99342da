// The `.part` file a download writes into. Writes land at explicit offsets (many connections
// share one file); `sync()` is the durability point after which ranges may be recorded as done.
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { HaulError } from '../../../shared/errors';

export class PartFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /** Opens for writing without truncating (resume keeps what is there); creates it if missing. */
  static async open(path: string): Promise<PartFile> {
    try {
      const handle = await open(path, 'a+').then(async (h) => {
        // 'a+' only to create without truncation; reopen r+ because appends ignore offsets.
        await h.close();
        return open(path, 'r+');
      });
      return new PartFile(path, handle);
    } catch (err) {
      throw fsError(err, path);
    }
  }

  async write(buf: Buffer, position: number): Promise<void> {
    let off = 0;
    try {
      while (off < buf.length) {
        const { bytesWritten } = await this.handle.write(buf, off, buf.length - off, position + off);
        off += bytesWritten;
      }
    } catch (err) {
      throw fsError(err, this.path);
    }
  }

  async sync(): Promise<void> {
    try {
      await this.handle.datasync();
    } catch (err) {
      throw fsError(err, this.path);
    }
  }

  async size(): Promise<number> {
    return (await this.handle.stat()).size;
  }

  async truncate(len = 0): Promise<void> {
    try {
      await this.handle.truncate(len);
    } catch (err) {
      throw fsError(err, this.path);
    }
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

export async function fileSize(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
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
