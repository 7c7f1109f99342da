// Issue 13's scale case: the engine started on a database of 100,000 finished downloads (plus 100
// queued ones that start), in a fresh process, timed and measured; then the progress tick's cost
// with those 100 downloading, against the same 100 with no finished jobs at all. A loopback
// server trickles bytes so the 100 stay running. The engine runs as a bundle under plain Node,
// as the CLI does (tsx alone would add ~40 MiB to the process).
import { copyFile, mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { openSqliteJobStore } from '../electron/engine/store';
import type { JobRecord, SegmentRecord } from '../electron/engine/store/job-store';
import { runMeasured } from './measure';
import { failedRun, summarize, type ClientResult, type RunRecord } from './results';
import type { ScaleMeasure } from './scale-engine';

export const SCALE_FINISHED = 100_000;
export const SCALE_RUNNING = 100;
const CHILD = fileURLToPath(new URL('./scale-engine.ts', import.meta.url));

export async function runScaleCase(workDir: string, repeat: number, timeoutMs: number, log: (s: string) => void): Promise<ClientResult[]> {
  const dir = join(workDir, 'scale');
  await mkdir(dir, { recursive: true });
  const server = await trickleServer();
  const runs = { start: [] as RunRecord[], tick: [] as RunRecord[], ref: [] as RunRecord[] };
  try {
    const url = (i: number): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}/running-${i}.bin`;
    const prepared = performance.now();
    const big = await prepareDatabase(join(dir, 'finished-100k.db'), SCALE_FINISHED, url, dir);
    const none = await prepareDatabase(join(dir, 'finished-0.db'), 0, url, dir);
    log(`  prepared ${SCALE_FINISHED.toLocaleString('en')} + ${SCALE_RUNNING} jobs in ${((performance.now() - prepared) / 1000).toFixed(1)} s`);
    const child = await bundleChild(dir);
    for (let rep = 1; rep <= repeat; rep++) {
      const a = await measure(child, big, dir, `100k-${rep}`, timeoutMs);
      const b = await measure(child, none, dir, `0-${rep}`, timeoutMs);
      if ('error' in a) {
        runs.start.push(failedRun(rep, 0, a.error));
        runs.tick.push(failedRun(rep, 0, a.error));
      } else {
        runs.start.push(record(rep, a.m.startMs / 1000, a.m.startPeakRssMiB, { startMs: a.m.startMs, startRssMiB: a.m.startRssMiB, startPeakRssMiB: a.m.startPeakRssMiB, jobs: a.m.jobs }));
        runs.tick.push(record(rep, a.m.tickMedianMs / 1000, null, { tickMedianMs: a.m.tickMedianMs, tickP99Ms: a.m.tickP99Ms, running: a.m.running }));
      }
      if ('error' in b) runs.ref.push(failedRun(rep, 0, b.error));
      else runs.ref.push(record(rep, b.m.tickMedianMs / 1000, null, { tickMedianMs: b.m.tickMedianMs, tickP99Ms: b.m.tickP99Ms, running: b.m.running }));
      const show = (r: typeof a): string => ('error' in r ? `FAILED: ${r.error}` : `start ${r.m.startMs.toFixed(0)} ms, ${r.m.startPeakRssMiB.toFixed(0)} MiB; tick median ${r.m.tickMedianMs.toFixed(2)} ms, p99 ${r.m.tickP99Ms.toFixed(2)} ms`);
      log(`  #${rep}: ${SCALE_FINISHED.toLocaleString('en')} finished: ${show(a)}; none finished: ${show(b)}`);
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
  const row = { caseId: 'scale' as const, bytes: 0, files: SCALE_FINISHED + SCALE_RUNNING };
  // Nothing is downloaded to measure: no MiB/s column.
  return [
    summarize({ ...row, client: 'scale-start', label: `engine start, ${SCALE_FINISHED.toLocaleString('en')} finished + ${SCALE_RUNNING} queued jobs in the store`, ref: null }, runs.start),
    summarize({ ...row, client: 'scale-tick', label: `progress tick, ${SCALE_FINISHED.toLocaleString('en')} finished + ${SCALE_RUNNING} running`, ref: 'scale-tick-0' }, runs.tick),
    summarize({ ...row, files: SCALE_RUNNING, client: 'scale-tick-0', label: `progress tick, no finished + ${SCALE_RUNNING} running`, ref: null }, runs.ref),
  ].map((r) => ({ ...r, mibPerSec: null }));
}

function record(repeat: number, seconds: number, peakRssMiB: number | null, details: Record<string, number>): RunRecord {
  return { repeat, seconds, ok: true, error: null, peakRssKiB: peakRssMiB === null ? null : peakRssMiB * 1024, startupSeconds: null, transferSeconds: null, details };
}

/** One run on a fresh copy of the database (a run leaves its downloads half done). */
async function measure(child: string, db: string, dir: string, tag: string, timeoutMs: number): Promise<{ m: ScaleMeasure } | { error: string }> {
  const copy = join(dir, `run-${tag}.db`);
  await copyFile(db, copy);
  let m: ScaleMeasure | null = null;
  const r = await runMeasured({
    cmd: process.execPath,
    args: [child, copy, join(dir, `downloads-${tag}`), String(SCALE_RUNNING)],
    timeoutMs,
    logPath: join(dir, `run-${tag}.log`),
    onLine: (line) => {
      if (line.startsWith('{')) m = JSON.parse(line) as ScaleMeasure;
    },
  });
  if (m === null || r.exitCode !== 0) return { error: r.timedOut ? 'timed out' : `exit ${r.exitCode ?? r.signal}: ${r.stderrTail.trim().split('\n').at(-1) ?? ''}` };
  return { m };
}

/** Finished downloads as a long-time user's database holds them, and queued ones that start. */
async function prepareDatabase(file: string, finished: number, url: (i: number) => string, dir: string): Promise<string> {
  const store = openSqliteJobStore(file);
  try {
    const now = Date.now();
    const job = (i: number, over: Partial<JobRecord>): JobRecord => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      url: `https://downloads.example.org/releases/2024/${i}/package-${i}.tar.gz`,
      finalUrl: null, dir: join(dir, 'downloads'), requestedName: null, name: `package-${i}.tar.gz`, status: 'completed', position: i,
      total: 1_048_576 + i, etag: `"${i.toString(16)}-5f3a"`, lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT', acceptRanges: true,
      options: { connections: 8, speedLimit: null, headers: {}, checksum: null, checksumUrl: null, extract: false, deleteArchive: false },
      error: null, note: null, checksum: null, extractedTo: null, createdAt: now, updatedAt: now, completedAt: now,
      placedFile: { size: 1_048_576 + i, dev: 2049, ino: 1_000_000 + i, mtimeMs: now + 0.25 }, ...over,
    });
    const jobs = Array.from({ length: finished }, (_, i) => job(i, {}));
    for (let i = 0; i < SCALE_RUNNING; i++) {
      jobs.push(job(finished + i, { url: url(i), name: null, status: 'queued', total: null, etag: null, lastModified: null, acceptRanges: null, completedAt: null, placedFile: null }));
    }
    store.insertJobs(jobs);
    const segments = (j: JobRecord): SegmentRecord[] => [{ start: 0, end: j.total, done: j.total! }];
    store.saveProgress(jobs.slice(0, finished).map((j) => ({ id: j.id, segments: segments(j) })));
    store.saveSettings({ maxJobs: SCALE_RUNNING, maxPerHost: SCALE_RUNNING, connectionsPerJob: 1 });
  } finally {
    store.close();
  }
  return file;
}

/** The child as one ES module, as build-cli.mjs bundles the CLI. */
async function bundleChild(dir: string): Promise<string> {
  const outfile = join(dir, 'scale-engine.mjs');
  await build({
    entryPoints: [CHILD],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['better-sqlite3', 'xz-decompress', 'tsx', 'electron'],
    banner: { js: "import { createRequire as __haulRequire } from 'node:module'; const require = __haulRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

/** 200 with a 1 GiB body that arrives 1 KiB every 100 ms: a download that keeps running. */
async function trickleServer(): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-length': 1024 * 1024 * 1024, 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(1024, 0x61);
    const timer = setInterval(() => res.write(chunk), 100);
    res.once('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
