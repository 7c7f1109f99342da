// `npm run bench`: Haul against aria2c, curl and wget2 on a loopback server, side by side in one
// run. Timing claims live here and nowhere in `npm test`. Usage: bench/options.ts.
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectClients } from './clients';
import { prepareFiles, warmSources, type SourceFile } from './data';
import { killActiveRuns } from './measure';
import { OptionsError, parseOptions, USAGE, type BenchOptions } from './options';
import { caseTitle, formatHaulTimings, formatTable, formatTargets, writeJson } from './report';
import { computeTargets, relateToAria2c, summarize, type ClientResult, type RunRecord } from './results';
import { runOnce } from './run-once';
import { pickServerKind, startServer, type BenchServer } from './servers';

const DATA = fileURLToPath(new URL('.data/', import.meta.url));
const log = (s: string): void => void process.stderr.write(`${s}\n`);

let server: BenchServer | null = null;
let workDir: string | null = null;
let keep = false;

/** Synchronous, so it also works from 'exit': no client, server or temp dir outlives the bench. */
function cleanUpNow(): void {
  killActiveRuns();
  server?.killNow();
  if (workDir && !keep) rmSync(workDir, { recursive: true, force: true });
  workDir = null;
}

async function main(opts: BenchOptions): Promise<number> {
  keep = opts.keep;
  const startedAt = new Date().toISOString();
  await mkdir(DATA, { recursive: true });
  workDir = await mkdtemp(join(DATA, 'run-'));
  const filesRoot = join(DATA, 'files');
  const sources = await prepareFiles(filesRoot, opts.only, log);
  const { clients, skipped } = await detectClients(opts.clients);
  for (const s of skipped) log(`skipped ${s}`);

  const kind = await pickServerKind(opts.server);
  server = await startServer(kind, filesRoot, workDir, [...sources.values()].flat());
  log(`server: ${kind} at ${server.url('')}; work dir ${workDir}`);

  const results: ClientResult[] = [];
  const loadAtStart = loadavg()[0]!;
  for (const caseId of opts.only) {
    const files = sources.get(caseId)!;
    const chosen = clients.filter((c) => c.supports(caseId));
    log(`\n== ${caseId}: ${caseTitle(caseId)} == (load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs)`);
    await warmSources(filesRoot, files);
    const runs = new Map<string, RunRecord[]>(chosen.map((c) => [c.id, []]));
    // Repeats interleave the clients, so a slow patch of the machine hits all of them alike.
    for (let rep = 1; rep <= opts.repeat; rep++) {
      for (const client of chosen) {
        const run = await runOnce({ workDir, server, timeoutMs: opts.timeoutMs, keep }, caseId, files, client, rep);
        runs.get(client.id)!.push(run);
        const rss = run.peakRssKiB === null ? '' : `, peak RSS ${(run.peakRssKiB / 1024).toFixed(0)} MiB`;
        log(`  ${client.label(caseId)} #${rep}: ${run.seconds.toFixed(2)} s${rss}${run.ok ? '' : ` — FAILED: ${run.error}`}`);
      }
    }
    for (const client of chosen) results.push(summarize(caseId, client.id, client.label(caseId), bytesOf(files), files.length, runs.get(client.id)!));
  }
  relateToAria2c(results);
  const targets = computeTargets(results, opts.only);

  const out = process.stdout;
  out.write(`\nserver: ${kind}, runs per case: ${opts.repeat}${opts.repeat > 1 ? ' (median)' : ''}\n\n`);
  out.write(`${formatTable(results)}\n\n`);
  const timings = formatHaulTimings(results);
  if (timings) out.write(`${timings}\n\n`);
  out.write(`targets:\n${formatTargets(targets)}\n`);
  const load = { start: loadAtStart, end: loadavg()[0]! };
  for (const note of notes(kind, results, load.start)) out.write(`note: ${note}\n`);
  const jsonPath = join(DATA, 'last-run.json');
  await writeJson(jsonPath, { startedAt, server: kind, options: opts, skippedClients: skipped, loadAverage: load }, results, targets);
  out.write(`\nresults: ${jsonPath}${keep ? `\nkept: ${workDir}` : ''}\n`);

  await server.close();
  server = null;
  cleanUpNow();
  const failed = results.some((r) => !r.ok) || targets.some((t) => t.verdict === 'FAIL');
  return failed ? 1 : 0;
}

function notes(kind: string, results: readonly ClientResult[], load: number): string[] {
  const out: string[] = [];
  if (kind === 'nginx' && results.some((r) => r.caseId === 'capped')) {
    out.push('nginx limit_rate lets each response send its first second (8 MiB) at once, so 16 × 16 MiB can beat 2 s.');
  }
  if (results.some((r) => r.client === 'wget2-x16')) {
    out.push('wget2 1.99 fetches --chunk-size chunks one after another over one connection to a host.');
  }
  if (load > cpus().length / 2) out.push(`the machine was busy (load average ${load.toFixed(2)}): use --repeat=N on a quiet machine.`);
  return out;
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

