// Starting queued jobs: walks the queue in order while there are download slots, passing over
// a job whose host has no free connection (it holds nothing meanwhile) or that is on hold. With
// 100,000 jobs, a walk that found nothing more to start is not repeated until a job may have
// become startable (a new one, a status, a move, a host freed up, a hold ended): most pumps (after
// every finish) then cost nothing.
import type { JobRecord } from '../store/job-store';
import type { JobIndex } from './job-index';

export interface QueuePumpDeps {
  jobs: JobIndex;
  /** A download slot is free. */
  hasSlot(): boolean;
  /** Starts the job (or its post-processing), unless it cannot start now: call reconsider() when it may. */
  start(job: JobRecord): void;
  /** Downloads that gave their slot back while waiting for their host take free slots first. */
  wakeParked(): void;
}

export class QueuePump {
  /** JobIndex.changes when a walk last found nothing more to start (-1: walk again). */
  private settledAt = -1;
  private queued = false;

  constructor(private readonly deps: QueuePumpDeps) {}

  run(): void {
    this.deps.wakeParked();
    const { jobs } = this.deps;
    if (this.settledAt === jobs.changes) return;
    let walked = true;
    for (const job of jobs.startable()) {
      if (!this.deps.hasSlot()) {
        walked = false;
        break;
      }
      this.deps.start(job);
    }
    this.settledAt = walked ? jobs.changes : -1;
  }

  /** Runs once the current call stack is done: a download calling in must not start others inside its own code. */
  soon(run: () => void): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      run();
    });
  }

  /** A job passed over may start now (its host has a free connection again, its hold ended): walk again. */
  reconsider(): void {
    this.settledAt = -1;
  }
}
