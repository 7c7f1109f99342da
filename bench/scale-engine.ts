// The child process of the scale case (bench/scale-case.ts), bundled and run by plain Node in a
// fresh process so its memory is the engine's: starts an engine on a prepared database, reports
// how long the constructor took and the memory it needed, waits for the database's queued jobs to
// be downloading, then times the progress tick (the same ProgressTicker the engine runs every 100 ms)
// over them. Prints one JSON line: ScaleMeasure.
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { EngineEvents } from '../electron/engine/events';
import { ProgressTicker } from '../electron/engine/scheduler/progress-ticker';
import { openSqliteJobStore } from '../electron/engine/store';

export interface ScaleMeasure {
  jobs: number;
  startMs: number;
  /** Resident set right after the constructor returned, and the process's peak up to then. */
  startRssMiB: number;
  startPeakRssMiB: number;
  running: number;
  /** Time of one tick (snapshots of the running jobs, the stats), over `ticks` ticks. */
  tickMedianMs: number;
  tickP99Ms: number;
  ticks: number;
}

const TICKS = 500;
/** Start-up leaves the garbage collector (and the JIT) busy for a few seconds: the tick is measured after, as the app runs. */
const SETTLE_MS = 3000;
const MiB = 1024 * 1024;

async function main(): Promise<void> {
  const [db, downloads, runningArg] = process.argv.slice(2);
  const expected = Number(runningArg);
  const started = performance.now();
  const engine = new Engine({ store: openSqliteJobStore(db!, { exclusive: true }), defaultDownloadDir: downloads ?? join(db!, '..') });
  const startMs = performance.now() - started;
  const startRssMiB = process.memoryUsage.rss() / MiB;
  const startPeakRssMiB = process.resourceUsage().maxRSS / 1024;
  const jobs = engine.stats();
  try {
    const ids = await downloading(engine, expected);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const samples = await timeTicks(engine, ids);
    samples.sort((a, b) => a - b);
    const out: ScaleMeasure = {
      jobs: jobs.active + jobs.queued + jobs.paused + jobs.completed + jobs.failed,
      startMs,
      startRssMiB,
      startPeakRssMiB,
      running: ids.length,
      tickMedianMs: samples[Math.floor(samples.length / 2)]!,
      tickP99Ms: samples[Math.floor(samples.length * 0.99)]!,
      ticks: samples.length,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await engine.close();
  }
}

/**
 * Waits until `count` jobs are active with bytes arriving; their ids, as a client learns them:
 * from the progress events. (Not from list(): 100,000 snapshots of jobs that are not running
 * teach the JIT that shape, and snapshots of running ones then cost 3× as much for a while.)
 */
async function downloading(engine: Engine, count: number): Promise<string[]> {
  const active = new Set<string>();
  let stop = (): void => undefined;
  const seen = new Promise<void>((resolve) => {
    stop = engine.events.on('jobs.updated', ({ jobs }) => {
      for (const j of jobs) if (j.status === 'active' && j.received > 0) active.add(j.id);
      if (active.size >= count) resolve();
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`only ${active.size} of ${count} downloads running after 60 s`)), 60_000);
  });
  try {
    await Promise.race([seen, late]);
    return [...active];
  } finally {
    stop();
    clearTimeout(timer);
  }
}

/** The engine's tick over these running jobs, on a ticker of its own that only this loop drives. */
async function timeTicks(engine: Engine, running: string[]): Promise<number[]> {
  const ticker = new ProgressTicker(new EngineEvents(), 3_600_000, { snapshot: (id) => engine.snapshot(id), running: () => running, stats: () => engine.stats() });
  ticker.stop();
  const samples: number[] = [];
  for (let i = 0; i < TICKS; i++) {
    const t = performance.now();
    ticker.flush();
    samples.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
  return samples;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
