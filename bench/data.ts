// The source files the servers hand out: generated once from /dev/urandom-grade random bytes
// (incompressible, so no layer can cheat), hashed while written, and reused on later runs.
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CaseId } from './options';

const MiB = 1024 * 1024;
const MANIFEST_VERSION = 1;

export interface SourceFile {
  /** Path under the files root, also the URL path: `capped/capped-256m.bin`. */
  rel: string;
  size: number;
  sha256: string;
}

interface FileSpec {
  rel: string;
  size: number;
}

interface Manifest {
  version: number;
  files: Record<string, { size: number; sha256: string; mtimeMs: number }>;
}

export const SMALL_COUNT = 1000;
/** More empty files than the connections a host gets (16): each one must give its connection back. */
export const EMPTY_COUNT = 500;

export function specsFor(id: CaseId): FileSpec[] {
  switch (id) {
    case 'capped':
      return [{ rel: 'capped/capped-256m.bin', size: 256 * MiB }];
    case 'big':
    case 'verify':
    case 'loop':
      return [{ rel: 'big/big-1g.bin', size: 1024 * MiB }];
    case 'tail':
      return [{ rel: 'tail/tail-64m.bin', size: 64 * MiB }];
    case 'small':
      return Array.from({ length: SMALL_COUNT }, (_, i) => ({ rel: `small/small-${String(i).padStart(4, '0')}.bin`, size: 16 * 1024 }));
    case 'empty':
      return Array.from({ length: EMPTY_COUNT }, (_, i) => ({ rel: `empty/empty-${String(i).padStart(3, '0')}.txt`, size: 0 }));
    case 'pool':
    case 'extract':
    case 'limits':
    case 'scale':
    case 'ui':
      return []; // their modules make their own inputs and serve nothing
  }
}

/** Makes sure every file of these cases exists with the recorded size; (re)generates the others. */
export async function prepareFiles(root: string, cases: readonly CaseId[], log: (s: string) => void): Promise<Map<CaseId, SourceFile[]>> {
  await mkdir(root, { recursive: true, mode: 0o755 });
  await chmod(root, 0o755); // nginx workers run as nobody when the bench runs as root
  const manifestPath = join(root, 'manifest.json');
  const manifest = await readManifest(manifestPath);
  const out = new Map<CaseId, SourceFile[]>();
  for (const id of cases) {
    const files: SourceFile[] = [];
    let generated = 0;
    const started = performance.now();
    for (const spec of specsFor(id)) {
      const path = join(root, spec.rel);
      const known = manifest.files[spec.rel];
      const st = await stat(path).catch(() => null);
      if (known && st && st.size === spec.size && known.size === spec.size && Math.floor(st.mtimeMs) === known.mtimeMs) {
        files.push({ rel: spec.rel, size: spec.size, sha256: known.sha256 });
        continue;
      }
      const sha256 = await generate(path, spec.size);
      const mtimeMs = Math.floor((await stat(path)).mtimeMs);
      manifest.files[spec.rel] = { size: spec.size, sha256, mtimeMs };
      files.push({ rel: spec.rel, size: spec.size, sha256 });
      generated++;
    }
    if (generated > 0) {
      await writeFile(manifestPath, JSON.stringify(manifest, null, 1));
      log(`generated ${generated} file(s) for "${id}" in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    out.set(id, files);
  }
  return out;
}

async function readManifest(path: string): Promise<Manifest> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Manifest;
    if (parsed.version === MANIFEST_VERSION && typeof parsed.files === 'object') return parsed;
  } catch {
    // missing or unreadable: start afresh
  }
  return { version: MANIFEST_VERSION, files: {} };
}

async function generate(path: string, size: number): Promise<string> {
  await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  await chmod(dirname(path), 0o755);
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(Math.min(size, 4 * MiB));
  const fh = await open(path, 'w', 0o644);
  try {
    for (let at = 0; at < size; ) {
      const n = Math.min(buf.length, size - at);
      const chunk = buf.subarray(0, n);
      randomFillSync(chunk);
      hash.update(chunk);
      await fh.write(chunk, 0, n, at);
      at += n;
    }
  } finally {
    await fh.close();
  }
  await chmod(path, 0o644);
  return hash.digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Writes and deletes, untimed, as many bytes as a case's clients will write: the first client of a
 * case otherwise pays alone for the kernel making room in memory for new file pages (measured:
 * Haul's first 1 GiB run 4.1 s, the next ones 2.6-3.0 s; Haul always runs first).
 */
export async function primeOutputSpace(dir: string, bytes: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'prime.bin');
  const fh = await open(path, 'w');
  try {
    const block = Buffer.alloc(8 * 1024 * 1024, 1);
    for (let written = 0; written < bytes; written += block.length) await fh.write(block, 0, Math.min(block.length, bytes - written));
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await rm(path, { force: true });
}

/** Reads the sources once so every client meets the same warm page cache on the server side. */
export async function warmSources(root: string, files: readonly SourceFile[]): Promise<void> {
  for (const f of files) {
    for await (const _chunk of createReadStream(join(root, f.rel), { highWaterMark: 1024 * 1024 })) {
      // reading is the point
    }
  }
}
