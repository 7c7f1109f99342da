// Issue 3: verification done within ~100 ms of the last byte of a 1 GiB download. Only the
// engine knows when the last byte landed, so this runs it in-process with snapshots every 10 ms
// and reads the times off its `jobs.updated` events: every byte written (received === total),
// then 'verifying' (the part file is synced), then 'completed' (hash tail compared, renamed).
import { rm } from 'node:fs/promises';
import { busyCpus, sampleCpu } from './cpu-load';
import type { SourceFile } from './data';
import { jobProblem, prepareRunDirs, runJob, startEngine } from './engine-run';
import { failedRun, type RunRecord } from './results';
import type { RunContext } from './run-once';

const TICK_MS = 10;
const CONNECTIONS = 16;

export async function runVerifyLatency(ctx: RunContext, file: SourceFile, repeat: number): Promise<RunRecord> {
  const tag = `verify-haul-engine-sha256-${repeat}`;
  const { outDir, scratch } = await prepareRunDirs(ctx.workDir, tag);

  const engine = startEngine(scratch, outDir, TICK_MS);
  const started = performance.now();
  const cpuBefore = sampleCpu();
  try {
    const t = await runJob(engine, { url: ctx.server.url(file.rel), dir: outDir, connections: CONNECTIONS, checksum: `sha256=${file.sha256}` }, ctx.timeoutMs);
    const seconds = (t.finished - t.added) / 1000;
    // A matching sha256 is the check: the expected value is the source's own digest.
    const problem = jobProblem(t.final) ?? (t.lastByte === null ? 'never saw every byte written' : null);
    if (problem) return failedRun(repeat, seconds, problem);
    const lastByte = t.lastByte!;
    const verifying = t.verifying ?? lastByte;
    return {
      repeat,
      seconds,
      ok: true,
      error: null,
      peakRssKiB: null, // this is the bench's own process
      startupSeconds: null,
      transferSeconds: (lastByte - t.added) / 1000,
      cpuBusy: busyCpus(cpuBefore, sampleCpu()),
      details: {
        latencyMs: t.finished - lastByte,
        syncMs: verifying - lastByte,
        tailMs: t.finished - verifying,
        sawVerifying: t.verifying === null ? 0 : 1,
        tickMs: TICK_MS,
      },
    };
  } catch (err) {
    return failedRun(repeat, (performance.now() - started) / 1000, err instanceof Error ? err.message : String(err));
  } finally {
    await engine.close().catch(() => undefined);
    if (!ctx.keep) await Promise.all([rm(outDir, { recursive: true, force: true }), rm(scratch, { recursive: true, force: true })]);
  }
}
