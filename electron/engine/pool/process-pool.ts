// The process pool for CPU-bound work (hashing, extraction). A FIFO queue feeds a set of worker
// processes started on demand through whatever Spawner it was given. Every task settles exactly
// once: with its result, its error, HAUL_E_CANCELLED, or HAUL_E_WORKER_CRASHED after a retry.
import os from 'node:os';
import { HaulError } from '../../../shared/errors';
import type { ChecksumAlgo } from '../../../shared/models/job';
import {
  isFromWorker,
  type FromWorker,
  type HashFilePayload,
  type HashFileResult,
  type PoolTaskKind,
  type TaskMessage,
  type TaskPayload,
  type TaskProgress,
  type TaskResult,
} from '../../../shared/pool-protocol';
import { guardChildren } from './exit-guard';
import { PoolHashSession, type HashSession } from './hash-session';
import { cancelledError, settle, type PoolTask } from './pool-task';
import { describeExit, type Spawner, type WorkerExit } from './spawner';
import { WorkerSlot } from './worker-slot';

export interface ProcessPoolOptions {
  spawner: Spawner;
  /** The worker script (electron/workers/post-worker), given by whoever builds the engine. */
  workerScript: string;
  /** Worker count; default max(1, cores − 1). */
  size?: number;
  /** The workers' environment; default this process's. */
  env?: Record<string, string | undefined>;
  /** How long a cancelled task's worker may take to stop before it is killed. */
  cancelGraceMs?: number;
  /** How long a retiring worker may take to exit before it is killed. */
  exitGraceMs?: number;
}

export interface RunOptions<P> {
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
  /**
   * On abort, settle only once the worker has stopped the task (it confirmed, or it was killed
   * after the grace period), with its result if it finished first: for a task that writes files
   * its caller is about to delete or reuse. By default a cancelled task settles at once.
   */
  settleWhenStopped?: boolean;
}

export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

export class ProcessPool {
  private sizeSetting: number;
  private readonly slots: WorkerSlot[] = [];
  /** Shrunk away or closing, but not yet exited. */
  private readonly leaving = new Set<WorkerSlot>();
  private readonly queue: PoolTask[] = [];
  private readonly sessions = new Map<number, PoolHashSession>();
  private nextId = 0;
  private closed = false;
  private closing: Promise<void> | null = null;
  private readonly unguard: () => void;

  constructor(private readonly opts: ProcessPoolOptions) {
    this.sizeSetting = checkSize(opts.size ?? defaultPoolSize());
    this.unguard = guardChildren(() => this.killNow());
  }

  get size(): number {
    return this.sizeSetting;
  }

  /** Growing starts workers for queued work at once; shrinking retires idle workers (busy ones when they finish). */
  setSize(size: number): void {
    this.sizeSetting = checkSize(size);
    this.pump();
  }

  /** Pids of the live workers, including ones on their way out. */
  workerPids(): number[] {
    return [...this.slots, ...this.leaving].map((s) => s.pid).filter((p): p is number => p !== undefined);
  }

  get workerCount(): number {
    return this.slots.length;
  }

  get queued(): number {
    return this.queue.length;
  }

  run<K extends PoolTaskKind>(kind: K, payload: TaskPayload<K>, options: RunOptions<TaskProgress<K>> = {}): Promise<TaskResult<K>> {
    return this.enqueue(kind, payload, options, 2) as Promise<TaskResult<K>>;
  }

  /** Hashes bytes [start, end) of the file (default: all of it) and resolves with the hex digest. */
  async hashFile(args: HashFilePayload & RunOptions<TaskProgress<'hash-file'>>): Promise<string> {
    const { signal, onProgress, ...payload } = args;
    return (await this.run('hash-file', payload, { signal, onProgress })).hex;
  }

  /** Starts a streamed hash of a file being written; see HashSession. */
  openHashSession(args: { path: string; algo: ChecksumAlgo }): HashSession {
    if (this.closed) throw closedError();
    const slot = this.slotForSession();
    const session = new PoolHashSession(++this.nextId, args.path, args.algo, slot, {
      released: (s, from) => {
        this.sessions.delete(s.sid);
        from.sessions.delete(s.sid);
        this.pump();
      },
      hashOnce: (payload, signal) => this.enqueue('hash-file', payload, { signal }, 1) as Promise<HashFileResult>,
    });
    this.sessions.set(session.sid, session);
    return session;
  }

  /** Rejects queued and running work with HAUL_E_CANCELLED, asks workers to exit, kills stragglers. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    this.abandonAll(cancelledError('The process pool was closed'));
    for (const slot of this.slots.splice(0)) this.retire(slot);
    await Promise.all([...this.leaving].map((s) => s.exited));
    this.unguard();
  }

  private enqueue(kind: PoolTaskKind, payload: unknown, options: RunOptions<never>, maxAttempts: number): Promise<unknown> {
    if (this.closed) return Promise.reject(closedError());
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(cancelledError());
    return new Promise((resolve, reject) => {
      const onAbort = (): void => this.cancel(task);
      const task: PoolTask = {
        message: { type: 'task', id: ++this.nextId, kind, payload } as TaskMessage,
        attempts: 0,
        maxAttempts,
        settled: false,
        settleWhenStopped: options.settleWhenStopped === true,
        cancelled: false,
        onProgress: options.onProgress as ((p: unknown) => void) | undefined,
        resolve: (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(v);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(task);
      this.pump();
    });
  }

  private cancel(task: PoolTask): void {
    if (task.settled) return;
    const slot = this.slots.find((s) => s.task === task);
    // Nothing runs a queued task: it settles now. A running one may wait for its worker to stop.
    if (!slot || !task.settleWhenStopped) settle(task, { error: cancelledError() });
    const queued = this.queue.indexOf(task);
    if (queued !== -1) {
      this.queue.splice(queued, 1);
      return;
    }
    if (!slot) return;
    task.cancelled = true;
    // The slot stays busy until the worker confirms the stop; a worker that does not is killed and replaced.
    slot.send({ type: 'cancel', id: task.message.id });
    slot.killAfter(this.opts.cancelGraceMs ?? 2000);
  }

  /** Retires idle workers beyond the size, then dispatches queued tasks in FIFO order, starting workers as needed. */
  private pump(): void {
    if (this.closed) return;
    for (const slot of [...this.slots]) {
      if (this.slots.length <= this.sizeSetting) break;
      if (slot.load === 0) {
        this.slots.splice(this.slots.indexOf(slot), 1);
        this.retire(slot);
      }
    }
    while (this.queue.length > 0) {
      // After a shrink, workers kept alive by a task or a session must not take more than `size` tasks.
      if (this.slots.filter((s) => s.task !== null).length >= this.sizeSetting) break;
      const slot = this.freeSlot();
      if (!slot) break;
      const task = this.queue.shift()!;
      task.attempts++;
      slot.task = task;
      slot.send(task.message);
    }
  }

  private freeSlot(): WorkerSlot | undefined {
    const free = this.slots.filter((s) => s.task === null);
    // Rather a worker without sessions, so streamed hashing keeps its pace; a ready one first.
    const unshared = free.filter((s) => s.sessions.size === 0).sort((a, b) => Number(b.isReady) - Number(a.isReady));
    if (unshared[0]) return unshared[0];
    if (this.slots.length < this.sizeSetting) return this.spawn();
    return free[0];
  }

  private slotForSession(): WorkerSlot {
    const least = [...this.slots].sort((a, b) => a.load - b.load)[0];
    if (least && (least.load === 0 || this.slots.length >= this.sizeSetting)) return least;
    return this.spawn();
  }

  private spawn(): WorkerSlot {
    const proc = this.opts.spawner.spawn(this.opts.workerScript, { env: this.opts.env, name: 'haul-worker' });
    const slot = new WorkerSlot(proc);
    this.slots.push(slot);
    proc.onMessage((msg) => {
      if (isFromWorker(msg)) this.onMessage(slot, msg);
    });
    void slot.exited.then((exit) => this.onExit(slot, exit));
    return slot;
  }

  private onMessage(slot: WorkerSlot, msg: FromWorker): void {
    if (msg.type === 'ready') return slot.markReady(msg.pid);
    if (msg.type === 'session-progress' || msg.type === 'session-result' || msg.type === 'session-error') {
      this.sessions.get(msg.sid)?.handle(msg);
      return;
    }
    const task = slot.task;
    if (!task || task.message.id !== msg.id) return;
    if (msg.type === 'progress') {
      if (!task.settled && !task.cancelled) task.onProgress?.(msg.progress);
      return;
    }
    slot.task = null;
    slot.clearKillTimer();
    if (msg.type === 'result') settle(task, { value: msg.value });
    else settle(task, { error: new HaulError(msg.error.code, msg.error.message) });
    this.pump();
  }

  private onExit(slot: WorkerSlot, exit: WorkerExit): void {
    this.leaving.delete(slot);
    const i = this.slots.indexOf(slot);
    if (i !== -1) this.slots.splice(i, 1);
    const task = slot.task;
    slot.task = null;
    if (task && !task.settled) {
      if (task.cancelled) settle(task, { error: cancelledError() });
      else if (!this.closed && task.attempts < task.maxAttempts) this.queue.unshift(task); // it was first in line
      else settle(task, { error: crashedError(task, exit) });
    }
    for (const sid of slot.sessions) {
      // From here on the session runs as an ordinary queued task, which close() cancels like any other.
      this.sessions.get(sid)?.workerLost(exit);
      this.sessions.delete(sid);
    }
    slot.sessions.clear();
    this.pump(); // replaces the worker if there is work waiting
  }

  private retire(slot: WorkerSlot): void {
    this.leaving.add(slot);
    slot.retire(this.opts.exitGraceMs ?? 2000);
  }

  private abandonAll(err: HaulError): void {
    for (const task of this.queue.splice(0)) settle(task, { error: err });
    for (const slot of this.slots) if (slot.task) settle(slot.task, { error: err });
    for (const session of [...this.sessions.values()]) session.end(err);
  }

  /** Synchronous, for process exit and signals. */
  private killNow(): void {
    this.closed = true;
    this.abandonAll(cancelledError('The process pool was shut down'));
    for (const slot of [...this.slots, ...this.leaving]) slot.kill();
  }
}

function checkSize(size: number): number {
  if (!Number.isInteger(size) || size < 1) throw new HaulError('HAUL_E_INVALID_INPUT', `Pool size must be a whole number ≥ 1, got ${size}`);
  return size;
}

function closedError(): HaulError {
  return new HaulError('HAUL_E_INVALID_STATE', 'The process pool is closed');
}

function crashedError(task: PoolTask, exit: WorkerExit): HaulError {
  const tries = task.attempts === 1 ? '' : ` (tried ${task.attempts} times)`;
  return new HaulError('HAUL_E_WORKER_CRASHED', `The worker process running "${task.message.kind}" ${describeExit(exit)}${tries}`);
}
