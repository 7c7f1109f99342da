// Helpers for the pool's tests: real worker processes through the child_process spawner, with
// the test-only task kinds switched on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HaulError } from '../../../shared/errors';
import { ChildProcessSpawner } from './child-process-spawner';
import { ProcessPool, type ProcessPoolOptions } from './process-pool';

export const WORKER_SCRIPT = fileURLToPath(new URL('../../workers/post-worker.ts', import.meta.url));

export function testPool(options: Partial<ProcessPoolOptions> = {}): ProcessPool {
  return new ProcessPool({
    spawner: new ChildProcessSpawner(),
    workerScript: WORKER_SCRIPT,
    env: { ...process.env, HAUL_POOL_TEST: '1' },
    size: 1,
    ...options,
  });
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // "pid (comm) S ..." — the state letter follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

export async function waitUntil(pred: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The HaulError a promise rejects with (fails the test if it resolves or throws something else). */
export async function haulError(p: Promise<unknown>): Promise<HaulError> {
  const err: unknown = await p.then(
    () => new Error('expected a rejection, but it resolved'),
    (e: unknown) => e,
  );
  if (!(err instanceof HaulError)) throw err;
  return err;
}
