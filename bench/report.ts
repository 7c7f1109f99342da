// The table on the terminal and the same facts as JSON in bench/.data/last-run.json.
import { cpus, release, totalmem } from 'node:os';
import { writeFile } from 'node:fs/promises';
import type { BenchOptions, ServerKind } from './options';
import type { ClientResult } from './results';
import type { Target } from './targets';

const CASE_TITLE: Record<string, string> = {
  capped: '256 MiB, 8 MiB/s per connection',
  big: '1 GiB, unthrottled',
  small: '1,000 × 16 KiB',
  empty: '500 empty files (Content-Length: 0) from one host',
  verify: '1 GiB with sha256 verification',
  tail: '64 MiB over 8 connections, one of them served at 256 KiB/s',
  loop: 'main event-loop delay: in-process engine, 1 GiB + sha256, then a tar.gz extracted',
  pool: 'sha256 of 4 × 256 MiB in the worker pool, 1 worker vs 2',
  extract: "extraction of node_modules (.tar.gz, .zip): Haul's extractor vs GNU tar and unzip",
  limits: 'speed limits in real time: the token bucket, a per-download and a global limit',
  scale: 'engine start and progress tick with 100,000 finished jobs in the store',
  ui: "the web UI in Chromium on haul serve's server: 10,000 jobs, then 100 running",
};

export function formatTable(results: readonly ClientResult[]): string {
  const header = ['case', 'client', 'seconds', 'MiB/s', '÷ ref', 'peak RSS', 'CPUs busy', 'status'];
  const rows = results.map((r) => [
    r.caseId,
    r.label,
    r.seconds === null ? '—' : r.seconds.toFixed(2),
    r.mibPerSec === null ? '—' : r.mibPerSec.toFixed(1),
    r.vsRef === null ? '—' : `${r.vsRef.toFixed(2)}×`,
    r.peakRssKiB === null ? '—' : `${(r.peakRssKiB / 1024).toFixed(0)} MiB`,
    r.cpuBusy === null ? '—' : `${r.cpuBusy.toFixed(2)}/${cpus().length}`,
    r.ok ? 'ok' : failure(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const numeric = new Set([2, 3, 4, 5, 6]);
  const line = (cells: string[]): string =>
    cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  let last = '';
  for (const [i, row] of rows.entries()) {
    const caseId = results[i]!.caseId;
    if (last && caseId !== last) out.push('');
    last = caseId;
    out.push(line(row));
  }
  const refs = [...new Set(results.filter((r) => r.vsRef !== null).map((r) => `${r.caseId}: ${refLabel(results, r)}`))];
  if (refs.length) out.push('', `÷ ref: seconds ÷ the reference's seconds (${refs.join('; ')})`);
  if (results.some((r) => r.cpuBusy !== null)) out.push('CPUs busy: the whole machine during the run, whoever used them');
  return out.join('\n');
}

function refLabel(results: readonly ClientResult[], r: ClientResult): string {
  return results.find((x) => x.caseId === r.caseId && x.client === r.ref)?.label ?? r.ref ?? '';
}

function failure(r: ClientResult): string {
  const bad = r.runs.filter((x) => !x.ok);
  return `FAILED ${bad.length}/${r.runs.length}: ${bad[0]?.error ?? ''}`;
}

export function formatTargets(targets: readonly Target[]): string {
  const width = Math.max(...targets.map((t) => t.name.length));
  return targets.map((t) => `${t.verdict.padEnd(4)}  ${t.name.padEnd(width)}  ${t.detail}`).join('\n');
}

/** Haul's own view of where its time went, from its JSON lines. */
export function formatHaulTimings(results: readonly ClientResult[]): string {
  return results
    .filter((r) => r.runs.some((run) => run.startupSeconds !== null))
    .flatMap((r) =>
      r.runs.map((run) => {
        const s = (v: number | null): string => (v === null ? '—' : `${v.toFixed(2)} s`);
        return `${r.client} ${r.caseId} #${run.repeat}: process ${s(run.seconds)} = start-up to first job ${s(run.startupSeconds)}` +
          ` + transfer ${s(run.transferSeconds)} + exit ${s(exitPart(run.seconds, run.startupSeconds, run.transferSeconds))}`;
      }),
    )
    .join('\n');
}

function exitPart(total: number, startup: number | null, transfer: number | null): number | null {
  return startup === null || transfer === null ? null : Math.max(0, total - startup - transfer);
}

export interface RunInfo {
  startedAt: string;
  server: ServerKind;
  options: BenchOptions;
  skippedClients: string[];
  /** 1-minute load average: other work on the machine skews every number. */
  loadAverage: { start: number; end: number };
}

export async function writeJson(path: string, info: RunInfo, results: readonly ClientResult[], targets: readonly Target[]): Promise<void> {
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryBytes: totalmem(), kernel: release(), node: process.version };
  const cases = Object.fromEntries([...new Set(results.map((r) => r.caseId))].map((id) => [id, CASE_TITLE[id]]));
  await writeFile(path, `${JSON.stringify({ ...info, machine, cases, results, targets }, null, 2)}\n`);
}

export function caseTitle(id: string): string {
  return CASE_TITLE[id] ?? id;
}
