// `npm run bench`: Haul against aria2c, curl and wget2 on a loopback server, side by side in one
// run, and issue 3's post-processing cases (event-loop delay, pool, verification, extraction).
// Timing claims live here and nowhere in `npm test`. Usage: bench/options.ts.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectClients, type Client } from './clients';
import { prepareFiles, primeOutputSpace, warmSources, type SourceFile } from './data';
import { killEngineWorkersNow } from './engine-run';
import { runLimitsCase } from './limits-case';
import { prepareLoopArchive, RESOLUTION_MS, runLoopCase } from './loop-case';
import { killActiveRuns } from './measure';
import { isDownloadCase, OptionsError, parseOptions, USAGE, type BenchOptions, type CaseId } from './options';
import { EXTRACT_MIN_RUNS, runExtractCase, runPoolCase } from './pool-extract-cases';
import { caseTitle, formatHaulTimings, formatTable, formatTargets, writeJson } from './report';
import { relateToReference, summarize, type ClientResult, type RowSpec, type RunRecord } from './results';
import { runOnce, type RunContext } from './run-once';
import { runScaleCase } from './scale-case';
import { runUiCase } from './ui-case';
import { pickServerKind, startServer, startTailServer, TAIL_SLOW_CONNECTION, TAIL_SLOW_RATE, type BenchServer } from './servers';
import { computeTargets } from './targets';
import { runVerifyLatency } from './verify-latency';

const DATA = fileURLToPath(new URL('.data/', import.meta.url));
const log = (s: string): void => void process.stderr.write(`${s}\n`);

let server: BenchServer | null = null;
let tailServer: BenchServer | null = null;
let workDir: string | null = null;
let keep = false;

/** Synchronous, so it also works from 'exit': no client, server or temp dir outlives the bench. */
function cleanUpNow(): void {
  killActiveRuns();
  killEngineWorkersNow();
  server?.killNow();
  tailServer?.killNow();
  // Retries: a worker killed a moment ago may still be finishing its last write.
  try {
    if (workDir && !keep) rmSync(workDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  } catch (err) {
    log(`could not remove ${workDir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  workDir = null;
}

function buildCli(): Promise<void> {
  const script = fileURLToPath(new URL('../electron/tools/build-cli.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script], (err) => (err ? reject(err) : resolve()));
  });
}

async function main(opts: BenchOptions): Promise<number> {
  keep = opts.keep;
  const startedAt = new Date().toISOString();
  await mkdir(DATA, { recursive: true });
  workDir = await mkdtemp(join(DATA, 'run-'));
  const filesRoot = join(DATA, 'files');
  const sources = await prepareFiles(filesRoot, opts.only, log);
  if (opts.only.includes('loop')) sources.get('loop')!.push(await prepareLoopArchive(filesRoot, log));
  const { clients, skipped } = await detectClients(opts.clients);
  for (const s of skipped) log(`skipped ${s}`);
  // Measure the bundle users run: a stale one would make `haul` fall back to the TS sources.
  if (clients.some((c) => c.id.startsWith('haul'))) await buildCli();

  const served = [...sources.entries()].filter(([id]) => id !== 'tail').flatMap(([, files]) => files);
  const kind = await pickServerKind(opts.server);
  if (served.length > 0) {
    server = await startServer(kind, filesRoot, workDir, served);
    log(`server: ${kind} at ${server.url('')}; work dir ${workDir}`);
  }
  if (sources.has('tail')) {
    tailServer = await startTailServer(filesRoot, sources.get('tail')!);
    log(`tail case: node server at ${tailServer.url('')}, one connection of each run slowed`);
  }

  const results: ClientResult[] = [];
  const loadAtStart = loadavg()[0]!;
  for (const caseId of opts.only) {
    log(`\n== ${caseId}: ${caseTitle(caseId)} == (load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs)`);
    if (caseId === 'limits') results.push(...(await runLimitsCase(workDir, opts.repeat, log)));
    else if (caseId === 'pool') results.push(...(await runPoolCase(opts.repeat, log)));
    else if (caseId === 'extract') results.push(...(await runExtractCase(Math.max(EXTRACT_MIN_RUNS, opts.repeat), log)));
    else if (caseId === 'scale') results.push(...(await runScaleCase(workDir, opts.repeat, opts.timeoutMs, log)));
    else if (caseId === 'ui') results.push(...(await runUiCase(workDir, opts.repeat, log)));
    else {
      const ctx: RunContext = { workDir, server: caseId === 'tail' ? tailServer! : server!, timeoutMs: opts.timeoutMs, keep };
      results.push(...(await runServedCase(ctx, caseId, sources.get(caseId)!, clients, opts.repeat, filesRoot)));
    }
  }
  relateToReference(results);
  const targets = computeTargets(results, opts.only);

  const out = process.stdout;
  const servers = [server ? kind : null, tailServer ? 'node (tail case)' : null].filter(Boolean).join(', ') || 'none';
  out.write(`\nserver: ${servers}, runs per case: ${opts.repeat}${opts.repeat > 1 ? ' (median)' : ''}\n\n`);
  out.write(`${formatTable(results)}\n\n`);
  const timings = formatHaulTimings(results);
  if (timings) out.write(`${timings}\n\n`);
  out.write(`targets:\n${formatTargets(targets)}\n`);
  const load = { start: loadAtStart, end: loadavg()[0]! };
  for (const note of notes(kind, results, load.start)) out.write(`note: ${note}\n`);
  const jsonPath = join(DATA, 'last-run.json');
  await writeJson(jsonPath, { startedAt, server: kind, options: opts, skippedClients: skipped, loadAverage: load }, results, targets);
  out.write(`\nresults: ${jsonPath}${keep ? `\nkept: ${workDir}` : ''}\n`);

  await server?.close();
  await tailServer?.close();
  server = null;
  tailServer = null;
  cleanUpNow();
  const failed = results.some((r) => !r.ok) || targets.some((t) => t.verdict === 'FAIL');
  return failed ? 1 : 0;
}

function notes(kind: string, results: readonly ClientResult[], load: number): string[] {
  const out: string[] = [];
  if (kind === 'nginx' && results.some((r) => r.caseId === 'capped')) {
    out.push('nginx limit_rate starts each response with a burst (an 8 MiB range takes ~0.76 s at 8 MiB/s), so 256 MiB over 16 connections can take less than 2 s.');
  }
  if (results.some((r) => r.caseId === 'tail')) {
    out.push(`the tail case runs on the Node server in this process whatever --server says: TCP connection no. ${TAIL_SLOW_CONNECTION} of each run is served at ${TAIL_SLOW_RATE / 1024} KiB/s, the others at full speed.`);
  }
  if (results.some((r) => r.client === 'wget2-x16')) {
    out.push('wget2 1.99 fetches --chunk-size chunks one after another over one connection to a host.');
  }
  if (results.some((r) => r.caseId === 'loop')) {
    out.push(`event-loop delay is what monitorEventLoopDelay({ resolution: ${RESOLUTION_MS} }) reports, so it includes the ${RESOLUTION_MS} ms timer interval (an idle loop reads ~${RESOLUTION_MS} ms).`);
    if (kind === 'node') out.push('the Node file server runs in the bench process, so its work is in the loop delay too: prefer nginx.');
  }
  if (results.some((r) => r.caseId === 'extract' || r.caseId === 'pool')) {
    out.push(`pool and extract rows run in the bench process (no process start-up); an extract row is the median of at least ${EXTRACT_MIN_RUNS} runs.`);
  }
  if (load > cpus().length / 2) out.push(`the machine was busy (load average ${load.toFixed(2)}): use --repeat=N on a quiet machine.`);
  return out;
}

/** One way to run a row of a case: a client process, or the engine in this process. */
interface Runner {
  row: RowSpec;
  run(rep: number): Promise<RunRecord>;
}

/** A case with files on the loopback server: client processes, or the engine in this process. */
async function runServedCase(
  ctx: RunContext,
  caseId: Exclude<CaseId, 'pool' | 'extract' | 'limits' | 'scale' | 'ui'>,
  files: SourceFile[],
  clients: readonly Client[],
  repeat: number,
  filesRoot: string,
): Promise<ClientResult[]> {
  const row = { caseId, bytes: bytesOf(files), files: files.length };
  const runners: Runner[] = [];
  if (caseId === 'loop') {
    const [big, archive] = files as [SourceFile, SourceFile];
    runners.push({ row: { ...row, client: 'haul-engine', label: 'haul engine in-process: 1 GiB + sha256, then tar.gz + extract', ref: null }, run: (rep) => runLoopCase(ctx, big, archive, rep) });
  } else if (isDownloadCase(caseId)) {
    for (const c of clients.filter((x) => x.supports(caseId))) {
      runners.push({ row: { ...row, client: c.id, label: c.label(caseId) }, run: (rep) => runOnce(ctx, caseId, files, c, rep) });
    }
    if (caseId === 'verify') {
      runners.push({ row: { ...row, client: 'haul-engine-sha256', label: 'haul engine in-process + sha256 (latency)' }, run: (rep) => runVerifyLatency(ctx, files[0]!, rep) });
    }
  }
  await warmSources(filesRoot, files);
  if (isDownloadCase(caseId)) await primeOutputSpace(join(ctx.workDir, 'prime'), bytesOf(files));
  const runs = new Map<string, RunRecord[]>(runners.map((r) => [r.row.client, []]));
  // Repeats interleave the clients, so a slow patch of the machine hits all of them alike.
  for (let rep = 1; rep <= repeat; rep++) {
    for (const runner of runners) {
      const run = await runner.run(rep);
      runs.get(runner.row.client)!.push(run);
      const rss = run.peakRssKiB === null ? '' : `, peak RSS ${(run.peakRssKiB / 1024).toFixed(0)} MiB`;
      log(`  ${runner.row.label} #${rep}: ${run.seconds.toFixed(2)} s${rss}${run.ok ? '' : ` — FAILED: ${run.error}`}`);
    }
  }
  return runners.map((r) => summarize(r.row, runs.get(r.row.client)!));
}

function bytesOf(files: readonly SourceFile[]): number {
  return files.reduce((n, f) => n + f.size, 0);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping clients and server`);
    cleanUpNow();
    process.exit(130);
  });
}
process.once('exit', cleanUpNow);

let opts: BenchOptions;
try {
  opts = parseOptions(process.argv.slice(2));
} catch (err) {
  // parseArgs reports unknown options as TypeErrors.
  log(err instanceof Error ? `${err.message}${err instanceof OptionsError ? '' : `\n\n${USAGE}`}` : String(err));
  process.exit(err instanceof OptionsError ? err.exitCode : 2);
}
main(opts).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    cleanUpNow();
    process.exitCode = 1;
  },
);

