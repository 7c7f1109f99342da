// tar, tar.gz, tar.bz2 and tar.xz: one decompressor stream feeding node-tar's Parser, which only
// parses (headers, pax and GNU long names, checksums); OutputTree decides what gets written.

import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { HaulError } from '../../../shared/errors';
import { bunzip2File } from './bzip2';
import { ByteCounter } from './counter';
import { corrupt } from './errors';
import type { ExtractContext } from './context';
import { unxz } from './xz';

type TarKind = 'tar' | 'tar.gz' | 'tar.bz2' | 'tar.xz';

/** The decompressed tar stream, and how many archive bytes it has consumed. */
export function openTarStream(ctx: ExtractContext, kind: TarKind): { stream: Readable; consumed: () => number } {
  if (kind === 'tar.bz2') return bunzip2File(ctx.archive);
  const raw = createReadStream(ctx.archive, { highWaterMark: 256 * 1024, signal: ctx.signal });
  const counter = new ByteCounter();
  const noop = (): void => {}; // errors surface from the last stream, which pipeline destroys with them
  const stream =
    kind === 'tar' ? pipeline(raw, counter, noop)
    : kind === 'tar.gz' ? pipeline(raw, counter, createGunzip({ chunkSize: 256 * 1024 }), noop)
    : unxz(pipeline(raw, counter, noop));
  return { stream, consumed: () => counter.bytes };
}

export async function extractTar(ctx: ExtractContext, kind: TarKind): Promise<void> {
  const { stream, consumed } = openTarStream(ctx, kind);
  ctx.compressedRead = consumed;
  const parser = new Parser({ strict: true, zstd: false });
  let failure: unknown = null;
  let rejectFailed: (err: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => (rejectFailed = reject));
  failed.catch(() => {}); // observed through the races below
  const fail = (err: unknown): void => {
    if (failure !== null) return;
    failure = err;
    rejectFailed(err);
    stream.destroy();
  };

  let chain = Promise.resolve();
  parser.on('entry', (entry: ReadEntry) => {
    chain = chain.then(() => (failure === null ? onEntry(ctx, entry) : undefined)).catch((err: unknown) => {
      fail(err);
      entry.resume(); // let the parser drain so nothing waits on this entry
    });
  });
  parser.on('error', (err: Error) => fail(err instanceof HaulError ? err : corrupt(`${ctx.fileName} is not a valid tar archive or is damaged`, err)));
  const ended = new Promise<void>((resolve) => parser.on('end', () => resolve()));

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (failure !== null) break;
      if (!parser.write(chunk)) await Promise.race([new Promise((r) => parser.once('drain', r)), failed]);
    }
    if (failure === null) parser.end();
    await Promise.race([ended, failed]);
    await chain;
  } catch (err) {
    fail(err);
  }
  if (failure !== null) throw failure;
}

async function onEntry(ctx: ExtractContext, entry: ReadEntry): Promise<void> {
  ctx.meter.entry();
  const raw = entry.path;
  const parts = ctx.tree.place(raw);
  switch (entry.type) {
    case 'File':
    case 'OldFile':
    case 'ContiguousFile':
      if (parts.length === 0) throw corrupt(`The archive has a file entry with no name ("${raw}")`);
      await ctx.tree.file(parts, entry, { name: raw, written: 0, compressed: null }, { mode: entry.mode, mtime: entry.mtime });
      return;
    case 'Directory':
    case 'GNUDumpDir':
      entry.resume();
      ctx.tree.dir(parts);
      return;
    case 'SymbolicLink':
      entry.resume();
      ctx.tree.symlink(raw, parts, entry.linkpath ?? '');
      return;
    case 'Link':
      entry.resume();
      ctx.tree.hardLink(raw, parts, entry.linkpath ?? '');
      return;
    default:
      // Devices, FIFOs and vendor types are never created.
      entry.resume();
      ctx.tree.skipped += 1;
  }
}
