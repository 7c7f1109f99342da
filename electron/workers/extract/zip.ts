// zip via yauzl (random access from the central directory). Names are decoded with yauzl's own
// decoder but validated here (decodeStrings: false), so a hostile name fails as UNSAFE with our
// message rather than as a parse error. Every entry is planned before anything is written: a zip
// with one bad name or an impossible size fails without touching the disk.

import { fstatSync, openSync } from 'node:fs';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { HaulError } from '../../../shared/errors';
import type { ExtractContext } from './context';
import { corrupt, printable, unsupported } from './errors';
import { isSmall, readSmallEntry, streamEntry, SyncFileReader } from './zip-read';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const MADE_BY_UNIX = 3;
const MAX_LINK_TARGET = 4096;

interface Planned {
  entry: Entry;
  name: string;
  parts: string[];
  type: 'file' | 'dir' | 'symlink' | 'skip';
  mode: number;
}

export async function extractZip(ctx: ExtractContext): Promise<void> {
  const reader = new SyncFileReader(openSync(ctx.archive, 'r'));
  let zip: ZipFile;
  try {
    const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
    zip = await yauzl.fromRandomAccessReaderPromise(reader, fstatSync(reader.fd).size, options);
  } catch (err) {
    reader.close(() => {});
    throw corrupt(`${ctx.fileName} is not a readable zip archive`, err);
  }
  let compressedDone = 0;
  ctx.compressedRead = () => compressedDone;
  try {
    ctx.meter.checkClaims(zip.entryCount, 0);
    const plan = await planEntries(ctx, zip);
    const claimed = plan.reduce((sum, p) => sum + (p.type === 'file' ? p.entry.uncompressedSize : 0), 0);
    ctx.meter.checkClaims(plan.length, claimed);
    ctx.meter.totalBytes = claimed;
    ctx.meter.totalEntries = plan.length;
    await ctx.meter.checkDisk(claimed);
    for (const p of plan) {
      ctx.meter.entry();
      compressedDone += p.entry.compressedSize;
      await extractEntry(ctx, zip, reader, p);
    }
  } finally {
    zip.close();
  }
}

async function planEntries(ctx: ExtractContext, zip: ZipFile): Promise<Planned[]> {
  const plan: Planned[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      ctx.meter.throwIfCancelled();
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const parts = ctx.tree.check(name); // fail early; place() runs again in order below
      const mode = entry.versionMadeBy >> 8 === MADE_BY_UNIX ? entry.externalFileAttributes >>> 16 : 0;
      const fmt = mode & S_IFMT;
      const type =
        /[\\/]$/.test(name) || fmt === S_IFDIR ? 'dir'
        : fmt === S_IFLNK ? 'symlink'
        : fmt === 0 || fmt === S_IFREG ? 'file'
        : 'skip';
      if (type !== 'dir' && type !== 'skip') checkReadable(entry, name);
      if (type !== 'dir' && parts.length === 0) throw corrupt(`The archive has an entry with no name ("${printable(name)}")`);
      plan.push({ entry, name, parts, type, mode });
    }
  } catch (err) {
    if (err instanceof HaulError) throw err;
    throw corrupt(`${ctx.fileName} has a damaged central directory`, err);
  }
  return plan;
}

function checkReadable(entry: Entry, name: string): void {
  if (entry.isEncrypted()) throw unsupported(`Entry "${printable(name)}" is encrypted; password-protected zips are not supported`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw unsupported(`Entry "${printable(name)}" uses compression method ${entry.compressionMethod}; only stored and deflate are supported`);
  }
}

async function extractEntry(ctx: ExtractContext, zip: ZipFile, reader: SyncFileReader, p: Planned): Promise<void> {
  p.parts = ctx.tree.place(p.name);
  await ctx.tree.settle(p.parts);
  switch (p.type) {
    case 'dir':
      ctx.tree.dir(p.parts);
      return;
    case 'skip':
      ctx.tree.skipped += 1;
      return;
    case 'symlink': {
      if (p.entry.uncompressedSize > MAX_LINK_TARGET) throw corrupt(`Symbolic link "${printable(p.name)}" has an over-long target`);
      const chunks: Buffer[] = [];
      const data = isSmall(p.entry) ? [await readSmallEntry(zip, reader, p.entry, p.name)] : streamEntry(zip, reader, p.entry, p.name);
      for await (const chunk of data) chunks.push(chunk);
      ctx.tree.symlink(p.name, p.parts, Buffer.concat(chunks).toString('utf8'));
      return;
    }
    case 'file': {
      const tally = { name: p.name, written: 0, compressed: p.entry.compressedSize };
      const meta = { mode: p.mode, mtime: p.entry.getLastModDate() };
      // Small files are created in the background, a few at a time: creation dominates their cost.
      if (isSmall(p.entry)) await ctx.tree.queueFile(p.parts, await readSmallEntry(zip, reader, p.entry, p.name), tally, meta);
      else await ctx.tree.file(p.parts, streamEntry(zip, reader, p.entry, p.name), tally, meta);
    }
  }
}
