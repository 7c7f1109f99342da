// How the pool starts worker processes. The engine never knows which runtime provides them:
// Electron's utilityProcess (electron/main) or child_process.fork (CLI, web mode, tests).
import { setPriority } from 'node:os';
import type { ToWorker } from '../../../shared/pool-protocol';

export interface WorkerExit {
  /** Exit code, when the process exited by itself. */
  code: number | null;
  /** Signal that ended it, when the runtime reports one (child_process does, utilityProcess does not). */
  signal: string | null;
}

export interface SpawnOptions {
  /** The worker's whole environment. */
  env?: Record<string, string | undefined>;
  /** A label for process lists and crash reports. */
  name?: string;
}

export interface WorkerProcess {
  /** Undefined until the OS has started it (or if it never did). */
  readonly pid: number | undefined;
  /** Delivery is best effort: a dead worker drops messages, and its exit is reported instead. */
  send(message: ToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called exactly once, whether it exited, was killed or never started. */
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Ends it at once (SIGKILL where the platform has it). */
  kill(): void;
}

export interface Spawner {
  spawn(scriptPath: string, options?: SpawnOptions): WorkerProcess;
}

/** "exited with code 3" / "was killed by SIGKILL", for error messages. */
export function describeExit(exit: WorkerExit): string {
  if (exit.signal) return `was killed by ${exit.signal}`;
  if (exit.code !== null) return `exited with code ${exit.code}`;
  return 'ended unexpectedly';
}

/** Delivers one exit to every listener, including listeners added after it happened. */
export class ExitLatch {
  private listeners: ((exit: WorkerExit) => void)[] = [];
  private exit: WorkerExit | null = null;

  get exited(): boolean {
    return this.exit !== null;
  }

  listen(listener: (exit: WorkerExit) => void): void {
    const exit = this.exit;
    if (exit) queueMicrotask(() => listener(exit));
    else this.listeners.push(listener);
  }

  fire(exit: WorkerExit): void {
    if (this.exit) return;
    this.exit = exit;
    const listeners = this.listeners;
    this.listeners = [];
    for (const l of listeners) l(exit);
  }
}

/**
 * Workers run at a lower CPU priority than the engine: on a busy machine the kernel then runs the
 * event loop first, and hashing/extraction take what is left. (19 measured no better for the
 * loop's delay on 2 cores, and let the hash fall further behind the download.)
 */
export const WORKER_NICENESS = 10;

export function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, WORKER_NICENESS);
  } catch {
    // Not permitted on some systems; the worker still runs, only at normal priority.
  }
}
