// Task kinds that exist only for the pool's own tests (HAUL_POOL_TEST=1): a long task that
// reports when it ran, and a task that takes its worker down.
import { setTimeout as delay } from 'node:timers/promises';
import { HaulError } from '../../shared/errors';
import type { CrashPayload, SleepPayload, SleepProgress, SleepResult } from '../../shared/pool-protocol';
import type { TaskContext } from './task-context';

export async function sleepTask(payload: SleepPayload, ctx: TaskContext<SleepProgress>): Promise<SleepResult> {
  const startedAt = Date.now();
  ctx.progress({ pid: process.pid, startedAt });
  if (payload.busy) {
    await delay(20); // let the progress message leave first
    while (Date.now() < startedAt + payload.ms) {
      // deliberately blocking the event loop
    }
    return { pid: process.pid, startedAt, endedAt: Date.now() };
  }
  try {
    await delay(payload.ms, undefined, { signal: payload.ignoreCancel ? undefined : ctx.signal });
  } catch {
    throw new HaulError('HAUL_E_CANCELLED', 'Sleep cancelled');
  }
  return { pid: process.pid, startedAt, endedAt: Date.now() };
}

export async function crashTask(payload: CrashPayload): Promise<null> {
  if (payload.how === 'kill') process.kill(process.pid, 'SIGKILL');
  else process.exit(payload.code ?? 70);
  // SIGKILL is delivered asynchronously; never report success from a worker that is going down.
  await new Promise<never>(() => undefined);
  return null;
}
