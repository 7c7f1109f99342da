// One client, one case, one repetition: fresh folders, a sync so earlier writeback stays out of
// the clock, the measured run, verification, then the outputs go (their page cache with them).
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from './clients';
import type { SourceFile } from './data';
import { busyCpus, sampleCpu } from './cpu-load';
import { runMeasured, syncDisks } from './measure';
import type { DownloadCaseId } from './options';
import type { RunRecord } from './results';
import type { BenchServer } from './servers';
import { verifyOutputs } from './verify';

export interface RunContext {
  workDir: string;
  server: BenchServer;
  timeoutMs: number;
  keep: boolean;
}

export async function runOnce(ctx: RunContext, caseId: DownloadCaseId, sources: readonly SourceFile[], client: Client, repeat: number): Promise<RunRecord> {
  const tag = `${caseId}-${client.id}-${repeat}`;
  const outDir = join(ctx.workDir, 'out', tag);
  const scratch = join(ctx.workDir, 'scratch', tag);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await mkdir(scratch, { recursive: true });
  const urls = sources.map((s) => ctx.server.url(s.rel));
  const bytes = sources.reduce((n, s) => n + s.size, 0);
  const cmd = await client.command({ caseId, urls, sha256: sources.map((s) => s.sha256), bytes, outDir, scratch });
  await syncDisks();
  ctx.server.beforeRun?.();

  const haulTimes = { firstAdded: null as number | null, lastCompleted: null as number | null, summary: null as string | null };
  const cpuBefore = sampleCpu();
  const result = await runMeasured({
    ...cmd,
    timeoutMs: ctx.timeoutMs,
    logPath: join(ctx.workDir, `${tag}.log`),
    onLine: client.id.startsWith('haul') ? (line, at) => readHaulLine(line, at, haulTimes) : undefined,
  });
  const cpuBusy = busyCpus(cpuBefore, sampleCpu());

  let error: string | null = null;
  if (result.timedOut) error = `timed out after ${ctx.timeoutMs / 1000} s`;
  else if (result.exitCode !== 0) {
    const why = result.exitCode === null ? `killed by ${result.signal ?? 'a signal'}` : `exit code ${result.exitCode}`;
    error = `${why}${result.stderrTail ? `: ${lastLine(result.stderrTail)}` : haulTimes.summary ? `: ${haulTimes.summary}` : ''}`;
  }
  // Verify even after a bad exit code: the note then says which files are missing.
  const verdict = await verifyOutputs(outDir, sources);
  if (!verdict.ok) error = [error, `verification: ${verdict.problems.join('; ')}`].filter(Boolean).join('; ');
  if (!ctx.keep) await Promise.all([rm(outDir, { recursive: true, force: true }), rm(scratch, { recursive: true, force: true })]);

  const ms = (v: number | null): number | null => (v === null ? null : v / 1000);
  return {
    repeat,
    seconds: result.seconds,
    ok: error === null,
    error,
    peakRssKiB: result.peakRssKiB,
    startupSeconds: ms(haulTimes.firstAdded),
    transferSeconds: haulTimes.firstAdded === null || haulTimes.lastCompleted === null ? null : ms(haulTimes.lastCompleted - haulTimes.firstAdded),
    cpuBusy,
  };
}

interface HaulTimes {
  firstAdded: number | null;
  lastCompleted: number | null;
  summary: string | null;
}

function readHaulLine(line: string, at: number, t: HaulTimes): void {
  if (!line.startsWith('{')) return;
  let msg: { type?: unknown };
  try {
    msg = JSON.parse(line) as { type?: unknown };
  } catch {
    return;
  }
  if (msg.type === 'added') t.firstAdded ??= at;
  else if (msg.type === 'completed') t.lastCompleted = at;
  else if (msg.type === 'summary') t.summary = line;
}

function lastLine(text: string): string {
  return text.split('\n').filter((l) => l.trim()).pop() ?? '';
}
