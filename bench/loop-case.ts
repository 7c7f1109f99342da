// Issue 3: the main event loop must stay responsive while the engine, in this very process as in
// Electron's main process, downloads 1 GiB at full speed with streamed sha256 verification and
// then downloads and extracts a ~40 MB tar.gz of thousands of files. Hashing and extraction run
// in the worker pool, so the loop should only see messages about them.
import { readFileSync } from 'node:fs';
import { link, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create as createTar } from 'tar';
import { busyCpus, sampleCpu } from './cpu-load';
import { sha256File, type SourceFile } from './data';
import { jobProblem, prepareRunDirs, runJob, startEngine } from './engine-run';
import type { RunRecord } from './results';
import type { RunContext } from './run-once';

/** monitorEventLoopDelay's timer interval; every sample includes it (an idle loop reads ~10 ms). */
export const RESOLUTION_MS = 10;
const CONNECTIONS = 16;
const IDLE_MS = 2000;
const REPO = fileURLToPath(new URL('..', import.meta.url));
/** extract-bench builds the same archive; reuse it when it is there. */
const EXTRACT_BENCH_ARCHIVE = fileURLToPath(new URL('.data/extract/node_modules.tar.gz', import.meta.url));
export const LOOP_ARCHIVE_REL = 'loop/node_modules.tar.gz';

export async function runLoopCase(ctx: RunContext, big: SourceFile, archive: SourceFile, repeat: number): Promise<RunRecord> {
  const tag = `loop-haul-engine-${repeat}`;
  const { outDir, scratch } = await prepareRunDirs(ctx.workDir, tag);

  const histogram = (): IntervalHistogram => monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  // The same loop with nothing to do: on a shared machine, what other processes cost it.
  const idle = histogram();
  idle.enable();
  await new Promise((r) => setTimeout(r, IDLE_MS));
  idle.disable();

  const engine = startEngine(scratch, outDir);
  const whole = histogram();
  const download = histogram();
  const extract = histogram();
  // Sampled on each progress event, not on a timer of its own that would add to the loop's work.
  let peakRss = process.memoryUsage.rss();
  const sample = (): void => void (peakRss = Math.max(peakRss, process.memoryUsage.rss()));
  const started = performance.now();
  const cpuBefore = sampleCpu();
  const sched = { start: mainThreadSchedule(), end: null as Schedule | null };
  let error: string | null = null;
  const times = { download: 0, extract: 0 };
  try {
    whole.enable();
    download.enable();
    const first = await runJob(engine, { url: ctx.server.url(big.rel), dir: outDir, connections: CONNECTIONS, checksum: `sha256=${big.sha256}` }, ctx.timeoutMs, sample);
    download.disable();
    times.download = first.finished - first.added;
    error = jobProblem(first.final);
    if (error === null) {
      extract.enable();
      const second = await runJob(engine, { url: ctx.server.url(archive.rel), dir: outDir, extract: true }, ctx.timeoutMs, sample);
      extract.disable();
      times.extract = second.finished - second.added;
      error = jobProblem(second.final) ?? (await extractedProblem(second.final.extractedTo));
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    for (const h of [whole, download, extract]) h.disable();
    sched.end = mainThreadSchedule();
    await engine.close().catch(() => undefined);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuBusy = busyCpus(cpuBefore, sampleCpu());
  if (!ctx.keep) await Promise.all([rm(outDir, { recursive: true, force: true }), rm(scratch, { recursive: true, force: true })]);

  const at = (h: IntervalHistogram, p: number): number | null => (h.count > 0 ? h.percentile(p) / 1e6 : null);
  return {
    repeat,
    seconds,
    ok: error === null,
    error,
    peakRssKiB: Math.round(peakRss / 1024),
    startupSeconds: null,
    transferSeconds: null,
    cpuBusy,
    details: {
      p50Ms: at(whole, 50),
      p99Ms: at(whole, 99),
      maxMs: whole.count > 0 ? whole.max / 1e6 : null,
      samples: whole.count,
      idleP99Ms: at(idle, 99),
      idleMaxMs: idle.count > 0 ? idle.max / 1e6 : null,
      downloadP99Ms: at(download, 99),
      downloadMaxMs: download.count > 0 ? download.max / 1e6 : null,
      extractP99Ms: at(extract, 99),
      extractMaxMs: extract.count > 0 ? extract.max / 1e6 : null,
      // Time the main thread was runnable but had no CPU: delay from contention, not from its own work.
      mainCpuMs: sched.start && sched.end ? sched.end.runMs - sched.start.runMs : null,
      mainRunQueueMs: sched.start && sched.end ? sched.end.waitMs - sched.start.waitMs : null,
      downloadSeconds: times.download / 1000,
      extractSeconds: times.extract / 1000,
    },
  };
}

interface Schedule {
  runMs: number;
  waitMs: number;
}

/** Linux's per-thread scheduler counters of this (the main) thread: on a CPU, and runnable but waiting. */
function mainThreadSchedule(): Schedule | null {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return run === undefined || wait === undefined ? null : { runMs: run / 1e6, waitMs: wait / 1e6 };
  } catch {
    return null;
  }
}

async function extractedProblem(dir: string | null): Promise<string | null> {
  const names = dir ? await readdir(dir).catch(() => null) : null;
  return names?.includes('node_modules') ? null : `extracted folder ${dir ?? '(none)'} lacks node_modules/`;
}

/**
 * The archive the loop case serves, under the files root: extract-bench's node_modules.tar.gz
 * when it exists (a hard link), else one built the same way from the repo's node_modules.
 */
export async function prepareLoopArchive(filesRoot: string, log: (s: string) => void): Promise<SourceFile> {
  const path = join(filesRoot, LOOP_ARCHIVE_REL);
  await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  if (!(await stat(path).catch(() => null))?.isFile()) {
    const linked = await link(EXTRACT_BENCH_ARCHIVE, path).then(() => true, () => false);
    if (!linked) {
      log('building node_modules.tar.gz for the loop case (once)…');
      const filter = (p: string): boolean => !/^node_modules\/\.cache(\/|$)/.test(p);
      await createTar({ file: `${path}.tmp`, cwd: REPO, gzip: true, portable: true, filter }, ['node_modules']);
      await rename(`${path}.tmp`, path);
    }
  }
  return { rel: LOOP_ARCHIVE_REL, size: (await stat(path)).size, sha256: await sha256File(path) };
}
