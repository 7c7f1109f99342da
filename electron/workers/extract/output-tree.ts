// The only code that writes extracted entries. Everything lands under `root`:
// - names go through entryComponents (no "..", absolute paths, drive letters, NUL);
// - symbolic links are created last, after every file and folder, so no entry is ever written
//   through one; an entry whose path runs through a pending link is refused as unsafe;
// - a link (symbolic or hard) that points outside the folder is refused as unsafe; links that stay
//   inside are kept (a .tar.xz of a program is often useless without them). Windows: symbolic
//   links are skipped (they need privileges there);
// - files are opened O_CREAT|O_EXCL|O_NOFOLLOW and folders checked with lstat, so an existing
//   link is never followed.
// File-system calls are synchronous on purpose: this runs in a dedicated worker process, and for
// archives of thousands of small files a thread-pool round trip per call was half the run time.

import { closeSync, constants, futimesSync, linkSync, lstatSync, mkdirSync, openSync, symlinkSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { corrupt, printable, unsafe } from './errors';
import { lexicalTarget, resolveWithin } from './link-check';
import type { EntryTally, ExtractMeter } from './meter';
import { entryComponents, hostNamePlatform, pathKey, type NamePlatform } from './safe-path';
import { WriteQueue } from './write-queue';
import { WriteThread } from './write-thread';

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export interface FileMeta {
  /** Unix permission bits from the archive, if any; only the executable bit is kept. */
  mode?: number | null;
  mtime?: Date | null;
}

interface PendingLink {
  raw: string;
  parts: string[];
  target: string;
}

export class OutputTree {
  skipped = 0;
  private readonly dirs = new Set<string>(['']);
  private readonly pending = new Map<string, PendingLink>();
  /** Whole small files being written off the main thread (see write-queue.ts). */
  private readonly writes = new WriteQueue();
  private readonly thread = new WriteThread();

  constructor(
    readonly root: string,
    private readonly meter: ExtractMeter,
    private readonly platform: NamePlatform = hostNamePlatform(),
  ) {}

  /** Safe components for an entry name; refuses names that run through a not-yet-created link. */
  place(raw: string): string[] {
    const parts = this.check(raw);
    // A later entry with the same name replaces the link, as tar does.
    this.pending.delete(pathKey(parts));
    return parts;
  }

  /** Like place(), without side effects: validates a name or a hard link's target. */
  check(raw: string): string[] {
    const parts = entryComponents(raw, this.platform);
    for (let i = 1; i < parts.length; i++) {
      if (this.pending.has(pathKey(parts.slice(0, i)))) {
        throw unsafe(raw, `it would be written through the symbolic link "${parts.slice(0, i).join('/')}"`);
      }
    }
    return parts;
  }

  private abs(parts: readonly string[]): string {
    return join(this.root, ...parts);
  }

  dir(parts: readonly string[]): void {
    for (let i = 1; i <= parts.length; i++) {
      const key = parts.slice(0, i).join('/');
      if (this.dirs.has(key)) continue;
      const p = this.abs(parts.slice(0, i));
      try {
        mkdirSync(p, { mode: 0o755 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const st = lstatSync(p);
        if (st.isSymbolicLink()) throw unsafe(key, 'a folder on its path is a symbolic link');
        if (!st.isDirectory()) throw corrupt(`The archive has both a file and a folder named "${printable(key)}"`);
      }
      this.dirs.add(key);
    }
  }

  /** Writes one file from `data`, counting every byte through the meter before it is written. */
  async file(parts: readonly string[], data: AsyncIterable<Buffer> | Iterable<Buffer>, tally: EntryTally, meta: FileMeta = {}): Promise<void> {
    await this.settle(parts);
    this.dir(parts.slice(0, -1));
    const p = this.abs(parts);
    const mode = (meta.mode ?? 0) & 0o111 ? 0o755 : 0o644;
    const fd = this.create(p, parts, () => openSync(p, CREATE_FLAGS, mode));
    try {
      for await (const chunk of data) {
        await this.meter.wrote(chunk.length, tally);
        for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off);
      }
      if (meta.mtime && !Number.isNaN(meta.mtime.getTime())) futimesSync(fd, meta.mtime, meta.mtime);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Like file() for a whole file already in memory, but the creation runs in the background: the
   * folders are made and the bytes counted now, in archive order; the file is created with the
   * same flags soon after. A failure surfaces from a later call, or from settle() and finish().
   */
  async queueFile(parts: readonly string[], data: Buffer, tally: EntryTally, meta: FileMeta = {}): Promise<void> {
    await this.writes.settle(parts);
    this.dir(parts.slice(0, -1));
    await this.meter.wrote(data.length, tally);
    const p = this.abs(parts);
    const mode = (meta.mode ?? 0) & 0o111 ? 0o755 : 0o644;
    const mtime = meta.mtime && !Number.isNaN(meta.mtime.getTime()) ? meta.mtime : null;
    const folder = (): Error => corrupt(`The archive has both a file and a folder named "${printable(parts.join('/'))}"`);
    await this.writes.add(parts, data.length, () => this.thread.write(p, data, mode, mtime, folder));
  }

  /** Waits for background writes at or above `parts`, so that path is touched in archive order. */
  async settle(parts: readonly string[]): Promise<void> {
    this.writes.throwIfFailed();
    await this.writes.settle(parts);
  }

  /** Waits for every background write and never throws: nothing may write while the folder is removed. */
  async idle(): Promise<void> {
    await this.writes.idle();
    await this.thread.close();
  }

  /** A hard link to a file extracted earlier; the target is an archive path, checked like a name. */
  hardLink(raw: string, parts: readonly string[], targetRaw: string): void {
    let target: string[];
    try {
      target = this.check(targetRaw);
    } catch {
      throw unsafe(raw, `it is a hard link to "${printable(targetRaw)}", outside the folder`);
    }
    const st = lstatSync(this.abs(target), { throwIfNoEntry: false });
    if (!st?.isFile()) {
      this.skipped += 1; // a link to a link, a folder or nothing: tar would fail it too
      return;
    }
    this.dir(parts.slice(0, -1));
    const p = this.abs(parts);
    this.create(p, parts, () => linkSync(this.abs(target), p));
  }

  /** Records a symbolic link, created in finish(); refuses one that points outside. */
  symlink(raw: string, parts: string[], target: string): void {
    if (target.includes('\0') || lexicalTarget(parts.slice(0, -1), target) === null) {
      throw unsafe(raw, `it is a symbolic link to "${printable(target)}", outside the folder`);
    }
    if (this.platform === 'win32' || parts.length === 0) {
      this.skipped += 1;
      return;
    }
    this.pending.set(pathKey(parts), { raw, parts, target });
  }

  /** Creates the pending links, then checks each against the final tree. */
  async finish(): Promise<void> {
    try {
      await this.writes.drain();
    } finally {
      await this.thread.close();
    }
    const made: PendingLink[] = [];
    for (const l of this.pending.values()) {
      this.meter.throwIfCancelled();
      this.dir(l.parts.slice(0, -1));
      const p = this.abs(l.parts);
      const st = lstatSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) {
        this.skipped += 1; // a folder of the same name came first and has content
        continue;
      }
      if (st) unlinkSync(p);
      symlinkSync(l.target, p);
      made.push(l);
    }
    this.pending.clear();
    for (const l of made) {
      if ((await resolveWithin(this.root, l.parts.slice(0, -1), l.target)) === null) {
        throw unsafe(l.raw, `it is a symbolic link to "${printable(l.target)}", which leads outside the folder`);
      }
    }
  }

  /** Runs `make`; a duplicate entry (tar appends newer versions) replaces the earlier file. */
  private create<T>(p: string, parts: readonly string[], make: () => T): T {
    try {
      return make();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lstatSync(p).isDirectory()) throw corrupt(`The archive has both a file and a folder named "${printable(parts.join('/'))}"`);
      unlinkSync(p);
      return make();
    }
  }
}
