// Safe, streaming archive extraction, run inside a pool worker (plain async Node, no Electron).
//
// Policy, in short (details next to the code that enforces each rule):
// - Output goes into a NEW folder beside the archive named after it (`foo.tar.gz` → `foo/`,
//   taken → `foo (1)/`); the archive itself is only ever opened for reading. With a `workDir`,
//   entries are written there first and the folder appears only once complete: an attempt cut
//   short (a killed worker, a crash) leaves only the work folder, which the next one replaces.
// - Any entry that tries to leave that folder (`..`, absolute path, drive letter, backslash path,
//   NUL, a link pointing out, a write through a link) aborts the whole extraction with
//   HAUL_E_ARCHIVE_UNSAFE naming the entry, as most archive managers do: a hostile entry
//   discredits the rest of the archive.
// - Symbolic links that stay inside are created (last, after all files); hard links only to files
//   already extracted; devices and FIFOs are skipped.
// - Caps on entries, total size, compression ratio and a free-space margin are checked against
//   the bytes actually written, never against header claims alone.
// - On any failure the partial output folder is removed.

import { rm, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { HaulError } from '../../../shared/errors';
import type { ExtractContext } from './context';
import { archiveStem, resolveArchiveKind, type ArchiveKind } from './detect';
import { cancelled, toHaulError } from './errors';
import { deleteArchive, freshWorkDir, makeOutputDir, moveToNewFolder } from './folder';
import { extractGzip } from './gz';
import { DEFAULT_LIMITS, ExtractMeter, type ExtractLimits, type ExtractProgress } from './meter';
import { OutputTree } from './output-tree';
import { sanitizeComponent } from './safe-path';
import { extractTar } from './tar';
import { extractZip } from './zip';

export type { ArchiveKind } from './detect';
export { detectArchiveKind, resolveArchiveKind } from './detect';
export type { ExtractLimits, ExtractProgress } from './meter';
export { DEFAULT_LIMITS } from './meter';
export { deleteArchive } from './folder';

export interface ExtractOptions {
  /** Absolute path; never modified. */
  archive: string;
  /** Where the new folder goes; default the archive's folder. */
  parentDir?: string;
  limits?: Partial<ExtractLimits>;
  /** At most ~10 calls a second, and one at the end. */
  onProgress?: (p: ExtractProgress) => void;
  signal?: AbortSignal;
  /** Delete the archive once everything was extracted; never after a failure. */
  deleteArchiveAfter?: boolean;
  /** Extract into this folder (in the parent folder, emptied first), renamed to the new folder at the end. */
  workDir?: string;
}

export interface ExtractResult {
  outputDir: string;
  entries: number;
  bytes: number;
  kind: ArchiveKind;
  /** Entries deliberately not created: devices, FIFOs, links on Windows, dangling hard links. */
  skipped: number;
  archiveDeleted: boolean;
}

export async function extractArchive(o: ExtractOptions): Promise<ExtractResult> {
  const archive = resolve(o.archive);
  const fileName = basename(archive);
  const limits: ExtractLimits = { ...DEFAULT_LIMITS, ...o.limits };
  if (o.signal?.aborted) throw cancelled();

  const parentDir = o.parentDir ?? dirname(archive);
  const ctx = { archive, fileName, signal: o.signal, compressedRead: () => 0 } as ExtractContext;
  const size = await wrap(ctx, () => archiveSize(archive));
  const kind = await wrap(ctx, () => resolveArchiveKind(archive, fileName));
  ctx.meter = new ExtractMeter({
    limits,
    archiveSize: size,
    compressedRead: () => ctx.compressedRead(),
    diskDir: parentDir,
    onProgress: o.onProgress,
    signal: o.signal,
  });
  await wrap(ctx, () => ctx.meter.checkDisk(0));

  const stem = sanitizeComponent(archiveStem(fileName) || 'archive');
  const workDir = o.workDir;
  const root = await wrap(ctx, () => (workDir ? freshWorkDir(workDir) : makeOutputDir(parentDir, stem)));
  ctx.tree = new OutputTree(root, ctx.meter);
  let outputDir = root;
  try {
    await wrap(ctx, async () => {
      if (kind === 'zip') await extractZip(ctx);
      else if (kind === 'gz') await extractGzip(ctx);
      else await extractTar(ctx, kind);
      await ctx.tree.finish();
      ctx.meter.throwIfCancelled();
      if (workDir) outputDir = await moveToNewFolder(workDir, parentDir, stem);
    });
  } catch (err) {
    await ctx.tree.idle(); // a background write must not land after (or during) the removal
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
    throw err;
  }
  ctx.meter.progress(true);
  const archiveDeleted = o.deleteArchiveAfter ? await deleteArchive(archive) : false;
  return { outputDir, entries: ctx.meter.entries, bytes: ctx.meter.bytes, kind, skipped: ctx.tree.skipped, archiveDeleted };
}

async function archiveSize(archive: string): Promise<number> {
  try {
    const st = await stat(archive);
    if (!st.isFile()) throw new HaulError('HAUL_E_INVALID_INPUT', `${archive} is not a file`);
    return st.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new HaulError('HAUL_E_NOT_FOUND', `Archive not found: ${archive}`);
    throw err;
  }
}

/** A cancelled run reports HAUL_E_CANCELLED whatever error the abort caused downstream. */
async function wrap<T>(ctx: ExtractContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (ctx.signal?.aborted) throw cancelled();
    throw toHaulError(err, ctx.fileName);
  }
}
