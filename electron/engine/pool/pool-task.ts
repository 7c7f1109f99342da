// A task as the pool tracks it, from run() until it settles exactly once.
import { HaulError } from '../../../shared/errors';
import type { TaskMessage } from '../../../shared/pool-protocol';

export interface PoolTask {
  readonly message: TaskMessage;
  /** Runs started so far; a crash retries while attempts < maxAttempts. */
  attempts: number;
  readonly maxAttempts: number;
  settled: boolean;
  /** Settle a cancelled task only once its worker has stopped it (see RunOptions.settleWhenStopped). */
  readonly settleWhenStopped: boolean;
  /** Cancelled while a worker ran it: never run again, whatever happens to that worker. */
  cancelled: boolean;
  onProgress: ((progress: unknown) => void) | undefined;
  resolve(value: unknown): void;
  reject(error: HaulError): void;
}

export function settle(task: PoolTask, outcome: { value: unknown } | { error: HaulError }): void {
  if (task.settled) return;
  task.settled = true;
  if ('error' in outcome) task.reject(outcome.error);
  else task.resolve(outcome.value);
}

export function cancelledError(why = 'Cancelled'): HaulError {
  return new HaulError('HAUL_E_CANCELLED', why);
}
