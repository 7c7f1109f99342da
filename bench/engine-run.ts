// The engine in this process, as the desktop app runs it (one main event loop, the worker pool
// beside it), on a fresh SQLite file. For what can only be seen from inside: the event loop's
// delay, and the time from the last byte written to the job's completed snapshot.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddJobInput } from '../shared/api/contract';
import { FINISHED_STATUSES, type JobSnapshot } from '../shared/models/job';
import { Engine } from '../electron/engine/engine';
import { ChildProcessSpawner, type SpawnOptions, type Spawner, type WorkerProcess } from '../electron/engine/pool';
import { openSqliteJobStore } from '../electron/engine/store';
import { syncDisks } from './measure';

const WORKER_SCRIPT = fileURLToPath(new URL('../electron/workers/post-worker.ts', import.meta.url));

/** Every pool worker of the engines started here, so Ctrl-C can stop them before their folders go. */
const workers = new Set<WorkerProcess>();

class TrackedSpawner implements Spawner {
  private readonly inner = new ChildProcessSpawner();

  spawn(scriptPath: string, options?: SpawnOptions): WorkerProcess {
    const w = this.inner.spawn(scriptPath, options);
    workers.add(w);
    w.onExit(() => workers.delete(w));
    return w;
  }
}

/** Synchronous, for Ctrl-C and 'exit': an extraction must not keep writing into a folder being removed. */
export function killEngineWorkersNow(): void {
  for (const w of workers) w.kill();
  workers.clear();
}

/** `tickMs` as the app's default (100) unless a case needs finer snapshots. */
/** Fresh output and scratch folders for one in-process run, with the disks synced first. */
export async function prepareRunDirs(workDir: string, tag: string): Promise<{ outDir: string; scratch: string }> {
  const outDir = join(workDir, 'out', tag);
  const scratch = join(workDir, 'scratch', tag);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await mkdir(scratch, { recursive: true });
  await syncDisks();
  return { outDir, scratch };
}

export function startEngine(scratch: string, downloads: string, tickMs?: number): Engine {
  return new Engine({
    store: openSqliteJobStore(join(scratch, 'haul.db')),
    defaultDownloadDir: downloads,
    tickMs,
    pool: { spawner: new TrackedSpawner(), workerScript: WORKER_SCRIPT },
  });
}

/** performance.now() of what the `jobs.updated` snapshots showed, in ms; null when never seen. */
export interface JobTimeline {
  added: number;
  /** First snapshot with every byte written (received === total). */
  lastByte: number | null;
  verifying: number | null;
  extracting: number | null;
  finished: number;
  final: JobSnapshot;
}

/** Adds one job and follows its snapshots until it completes, fails or runs out of time. */
export function runJob(engine: Engine, input: AddJobInput, timeoutMs: number, onUpdate?: () => void): Promise<JobTimeline> {
  return new Promise((resolve, reject) => {
    let id: string | null = null;
    const t: Omit<JobTimeline, 'finished' | 'final'> = { added: performance.now(), lastByte: null, verifying: null, extracting: null };
    const off = engine.events.on('jobs.updated', ({ jobs }) => {
      onUpdate?.();
      const snap = jobs.find((j) => j.id === id);
      if (!snap) return;
      const now = performance.now();
      if (t.lastByte === null && snap.total !== null && snap.received === snap.total) t.lastByte = now;
      if (t.verifying === null && snap.status === 'verifying') t.verifying = now;
      if (t.extracting === null && snap.status === 'extracting') t.extracting = now;
      if (!FINISHED_STATUSES.includes(snap.status)) return;
      done();
      resolve({ ...t, finished: now, final: snap });
    });
    const timer = setTimeout(() => {
      done();
      if (id) engine.cancel([id]);
      reject(new Error(`timed out after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const done = (): void => {
      off();
      clearTimeout(timer);
    };
    const { added, rejected } = engine.addJobs([input]);
    if (rejected.length > 0 || added.length !== 1) {
      done();
      reject(new Error(`job rejected: ${rejected[0]?.error.message ?? 'unknown reason'}`));
      return;
    }
    id = added[0]!.id;
  });
}

/** Why a finished job does not count, or null when it does. */
export function jobProblem(snap: JobSnapshot): string | null {
  if (snap.status !== 'completed') return `${snap.status}${snap.error ? `: ${snap.error.message}` : ''}`;
  if (snap.options.checksum && !snap.checksum?.ok) return `checksum ${snap.checksum ? 'mismatch' : 'missing'}`;
  if (snap.options.extract && !snap.extractedTo) return 'not extracted';
  return null;
}
