// One worker process as the pool sees it: its pipe (buffered until the worker says it is ready),
// the one task it runs, the hash sessions pinned to it, and the timers that end it.
import type { ToWorker } from '../../../shared/pool-protocol';
import type { WorkerExit, WorkerProcess } from './spawner';
import type { PoolTask } from './pool-task';

export class WorkerSlot {
  /** The task it runs; stays set after a cancel until the worker confirms or is killed. */
  task: PoolTask | null = null;
  /** Ids of the hash sessions pinned here. */
  readonly sessions = new Set<number>();
  /** Retiring (shrink or close): gets no new work, exits soon. */
  retiring = false;
  readonly exited: Promise<WorkerExit>;
  private ready = false;
  private outbox: ToWorker[] = [];
  private killTimer: NodeJS.Timeout | null = null;
  private reportedPid: number | undefined;

  constructor(private readonly proc: WorkerProcess) {
    this.exited = new Promise((resolve) => proc.onExit(resolve));
    void this.exited.then(() => this.clearKillTimer());
  }

  get pid(): number | undefined {
    return this.proc.pid ?? this.reportedPid;
  }

  get load(): number {
    return (this.task ? 1 : 0) + this.sessions.size;
  }

  get isReady(): boolean {
    return this.ready;
  }

  markReady(pid: number): void {
    this.ready = true;
    this.reportedPid = pid;
    const pending = this.outbox;
    this.outbox = [];
    for (const m of pending) this.proc.send(m);
  }

  /** Messages wait until the worker has subscribed: a child still loading its modules would drop them. */
  send(message: ToWorker): void {
    if (this.ready) this.proc.send(message);
    else this.outbox.push(message);
  }

  /** Kill unless it exits by itself within `ms`. */
  killAfter(ms: number): void {
    if (this.killTimer) return;
    this.killTimer = setTimeout(() => this.proc.kill(), ms);
    this.killTimer.unref();
  }

  clearKillTimer(): void {
    if (this.killTimer) clearTimeout(this.killTimer);
    this.killTimer = null;
  }

  /** Ask it to exit cleanly, and make sure it does. */
  retire(graceMs: number): void {
    this.retiring = true;
    if (this.ready) this.proc.send({ type: 'shutdown' });
    else this.outbox = [{ type: 'shutdown' }];
    this.killAfter(graceMs);
  }

  kill(): void {
    this.proc.kill();
  }
}
