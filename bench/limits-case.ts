// How closely Haul's speed limits hold in real time: the token bucket alone, one download held to
// its own limit, and two downloads sharing a global one. The tests check that a limit holds a
// download back at all; how close the rate comes to the limit is measured here, where a busy
// machine makes a number late rather than a test red.
import { rm } from 'node:fs/promises';
import { TokenBucket } from '../electron/engine/download/rate-limiter';
import { startFileServer, type QuirkyServer } from '../test/helpers/quirky-server';
import { jobProblem, prepareRunDirs, runJob, startEngine } from './engine-run';
import { failedRun, summarize, type ClientResult, type RunRecord } from './results';

const MiB = 1024 * 1024;
/** The limit of every row: low enough for a loaded machine, high enough to be a real download. */
export const LIMIT = 4 * MiB;
/** Seconds of traffic at the limit per row: the burst allowance (0.25 s) is then ~6% of it. */
const SECONDS = 4;
const BUCKET_CHUNK = 64 * 1024;

const seconds = (from: number): number => (performance.now() - from) / 1000;
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function measured(repeat: number, secs: number, bytes: number): RunRecord {
  return {
    repeat, seconds: secs, ok: true, error: null, peakRssKiB: null, startupSeconds: null, transferSeconds: null,
    details: { ofLimit: bytes / secs / LIMIT },
  };
}

/** A bucket at LIMIT fed 64 KiB chunks for SECONDS: what it lets through per second. */
async function bucketRun(repeat: number): Promise<RunRecord> {
  const bucket = new TokenBucket(LIMIT);
  const started = performance.now();
  let bytes = 0;
  while (seconds(started) < SECONDS) {
    await bucket.take(BUCKET_CHUNK);
    bytes += BUCKET_CHUNK;
  }
  return measured(repeat, seconds(started), bytes);
}

/** `files` downloads of SECONDS × LIMIT bytes in all, under a per-download or a global limit. */
async function engineRun(workDir: string, server: QuirkyServer, repeat: number, global: boolean): Promise<RunRecord> {
  const tag = `limits-${global ? 'global' : 'job'}-${repeat}`;
  const { outDir, scratch } = await prepareRunDirs(workDir, tag);
  const engine = startEngine(scratch, outDir);
  const started = performance.now();
  try {
    if (global) engine.setSettings({ globalSpeedLimit: LIMIT, maxJobs: 2 });
    const paths = global ? ['/half-a.bin', '/half-b.bin'] : ['/whole.bin'];
    const runs = await Promise.all(
      paths.map((p) => runJob(engine, { url: server.url(p), dir: outDir, connections: 4, speedLimit: global ? undefined : LIMIT }, 120_000)),
    );
    const problem = runs.map((r) => jobProblem(r.final)).find((p) => p !== null);
    const secs = seconds(started);
    if (problem) return failedRun(repeat, secs, problem);
    return measured(repeat, secs, SECONDS * LIMIT);
  } catch (err) {
    return failedRun(repeat, seconds(started), message(err));
  } finally {
    await engine.close().catch(() => undefined);
    await Promise.all([rm(outDir, { recursive: true, force: true }), rm(scratch, { recursive: true, force: true })]);
  }
}

export async function runLimitsCase(workDir: string, repeat: number, log: (s: string) => void): Promise<ClientResult[]> {
  const bytes = SECONDS * LIMIT;
  const server = await startFileServer({
    files: { '/whole.bin': { size: bytes, seed: 1 }, '/half-a.bin': { size: bytes / 2, seed: 2 }, '/half-b.bin': { size: bytes / 2, seed: 3 } },
    host: '127.0.0.1',
  });
  const rows = [
    { client: 'limit-bucket', label: `token bucket alone at ${LIMIT / MiB} MiB/s`, files: 0, run: (rep: number) => bucketRun(rep) },
    { client: 'limit-job', label: `1 download, its own limit ${LIMIT / MiB} MiB/s`, files: 1, run: (rep: number) => engineRun(workDir, server, rep, false) },
    { client: 'limit-global', label: `2 downloads, a global limit ${LIMIT / MiB} MiB/s`, files: 2, run: (rep: number) => engineRun(workDir, server, rep, true) },
  ];
  const runs = new Map<string, RunRecord[]>(rows.map((r) => [r.client, []]));
  try {
    for (let rep = 1; rep <= repeat; rep++) {
      for (const row of rows) {
        const run = await row.run(rep);
        runs.get(row.client)!.push(run);
        const share = run.details?.ofLimit;
        log(`  ${row.label} #${rep}: ${run.seconds.toFixed(2)} s${typeof share === 'number' ? `, ${(share * 100).toFixed(1)}% of the limit` : ''}${run.ok ? '' : ` — FAILED: ${run.error}`}`);
      }
    }
  } finally {
    await server.close();
  }
  return rows.map((row) => summarize({ caseId: 'limits', client: row.client, label: row.label, bytes, files: row.files, ref: null }, runs.get(row.client)!));
}
