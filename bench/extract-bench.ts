// Extraction speed: a ~40 MB tar.gz of the repo's own node_modules (thousands of files) and the
// same tree as a .zip, extracted by Haul's extractArchive (in this process, as a pool worker would)
// and by GNU `tar xzf` and `unzip -q`. Targets from issue 3: ≤ 1.2× tar, ≤ 1× unzip. Runs
// interleave the tools; each run writes a fresh folder and the cleanup (plus `sync`, so one run's
// writeback is not charged to the next) is outside the timing. A missing tool is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create as createTar } from 'tar';
import { extractArchive } from '../electron/workers/extract/index';
import { zipArchive, type ZipSpec } from '../electron/workers/extract/test-archives';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_DIR = fileURLToPath(new URL('.data/extract/', import.meta.url));
const NO_RATIO = { maxRatio: 1e9 }; // node_modules has a few highly compressible files

export interface ExtractBenchOptions {
  /** Where the archives are built (once, then reused) and extracted. */
  dir?: string;
  repeat?: number;
  log?: (line: string) => void;
}

export interface ExtractBenchCase {
  archive: string;
  archiveBytes: number;
  entries: number;
  haulSeconds: number;
  reference: 'GNU tar xzf' | 'unzip -q';
  /** Null when the tool is not installed. */
  referenceSeconds: number | null;
  /** haulSeconds ÷ referenceSeconds. */
  ratio: number | null;
  target: number;
  pass: boolean | null;
}

export interface ExtractBench {
  tarGz: ExtractBenchCase;
  zip: ExtractBenchCase;
}

export async function extractBench(options: ExtractBenchOptions = {}): Promise<ExtractBench> {
  const dir = options.dir ?? DEFAULT_DIR;
  const repeat = options.repeat ?? 3;
  const log = options.log ?? (() => {});
  await mkdir(dir, { recursive: true });
  const { tarGz, zip } = await prepareArchives(dir, log);
  const work = await mkdtemp(join(dir, 'run-'));
  try {
    const hasTar = /GNU tar/.test(spawnSync('tar', ['--version'], { encoding: 'utf8' }).stdout ?? '');
    const hasUnzip = spawnSync('unzip', ['-v']).status === 0;
    const tarCase = await runCase(work, tarGz, 'GNU tar xzf', hasTar ? (a, d) => execFileSync('tar', ['xzf', a, '-C', d]) : null, 1.2, repeat, log);
    const zipCase = await runCase(work, zip, 'unzip -q', hasUnzip ? (a, d) => execFileSync('unzip', ['-q', a, '-d', d]) : null, 1, repeat, log);
    return { tarGz: tarCase, zip: zipCase };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

type Reference = ((archive: string, dest: string) => void) | null;

async function runCase(
  work: string,
  archive: string,
  reference: ExtractBenchCase['reference'],
  runReference: Reference,
  target: number,
  repeat: number,
  log: (line: string) => void,
): Promise<ExtractBenchCase> {
  let n = 0;
  const fresh = async (): Promise<string> => {
    const d = join(work, `out-${n++}`);
    await mkdir(d);
    return d;
  };
  const settle = async (d: string): Promise<void> => {
    await rm(d, { recursive: true, force: true });
    execFileSync('sync');
  };
  // Warm-up, untimed: the page cache holds the archive, and Haul's code is loaded and compiled.
  const warm = await fresh();
  const { entries } = await extractArchive({ archive, parentDir: warm, limits: NO_RATIO });
  await settle(warm);
  const haul: number[] = [];
  const ref: number[] = [];
  for (let rep = 1; rep <= repeat; rep++) {
    let d = await fresh();
    let t = performance.now();
    await extractArchive({ archive, parentDir: d, limits: NO_RATIO });
    haul.push((performance.now() - t) / 1000);
    await settle(d);
    if (runReference) {
      d = await fresh();
      t = performance.now();
      runReference(archive, d);
      ref.push((performance.now() - t) / 1000);
      await settle(d);
    }
    log(`  ${archive.split('/').at(-1)} #${rep}: Haul ${haul.at(-1)!.toFixed(2)} s${runReference ? `, ${reference} ${ref.at(-1)!.toFixed(2)} s` : ''}`);
  }
  const haulSeconds = median(haul);
  const referenceSeconds = runReference ? median(ref) : null;
  const ratio = referenceSeconds ? haulSeconds / referenceSeconds : null;
  return {
    archive,
    archiveBytes: (await stat(archive)).size,
    entries,
    haulSeconds,
    reference,
    referenceSeconds,
    ratio,
    target,
    pass: ratio === null ? null : ratio <= target,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** node_modules as .tar.gz, and the very same tree (extracted from it) as .zip; built once. */
async function prepareArchives(dir: string, log: (line: string) => void): Promise<{ tarGz: string; zip: string }> {
  const tarGz = join(dir, 'node_modules.tar.gz');
  const zip = join(dir, 'node_modules.zip');
  const have = async (p: string): Promise<boolean> => (await stat(p).catch(() => null))?.isFile() ?? false;
  if ((await have(tarGz)) && (await have(zip))) return { tarGz, zip };
  log('building node_modules.tar.gz and node_modules.zip (once)…');
  const filter = (p: string): boolean => !/^node_modules\/\.cache(\/|$)/.test(p);
  await createTar({ file: `${tarGz}.tmp`, cwd: REPO, gzip: true, portable: true, filter }, ['node_modules']);
  await rename(`${tarGz}.tmp`, tarGz);
  const staging = await mkdtemp(join(dir, 'staging-'));
  try {
    const { outputDir } = await extractArchive({ archive: tarGz, parentDir: staging, limits: NO_RATIO });
    if (spawnSync('zip', ['-v']).status === 0) {
      execFileSync('zip', ['-qry', '-X', `${zip}.tmp.zip`, 'node_modules'], { cwd: outputDir });
      await rename(`${zip}.tmp.zip`, zip);
    } else {
      await writeFile(zip, zipArchive(zipSpecs(outputDir)));
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { tarGz, zip };
}

/** Without the zip CLI: every file, folder and symlink under `root`, for the hand-made writer. */
function zipSpecs(root: string): ZipSpec[] {
  const specs: ZipSpec[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(root, r));
      if (st.isSymbolicLink()) specs.push({ name: r, data: readlinkSync(join(root, r)), unixMode: 0o120777 });
      else if (st.isDirectory()) {
        specs.push({ name: `${r}/`, unixMode: 0o40755 });
        walk(r);
      } else specs.push({ name: r, data: readFileSync(join(root, r)), unixMode: 0o100000 | (st.mode & 0o777) });
    }
  };
  walk('node_modules');
  return specs;
}
