// Caps the body bytes handed to consumers in one turn of the event loop, across all responses.
// Sixteen fast connections can each have megabytes waiting in their sockets: without a cap one
// poll phase parsed and wrote all of it (15-20 ms at 1 GiB/s), and timers, IPC and the UI's
// events waited behind it. With it, a response that finds the turn's share used up pauses until
// the next turn, after the others had theirs.

/** About 2 ms of work per turn at full speed; 1 MiB cost measurable throughput, 4 MiB kept the stalls. */
export const BYTES_PER_TURN = 2 * 1024 * 1024;

export class TurnBudget {
  private spent = 0;
  private waiting: Array<() => void> = [];
  private scheduled = false;

  constructor(readonly bytesPerTurn = BYTES_PER_TURN) {}

  /** This turn's share is used up: wait() for the next one before handing out more. */
  get exhausted(): boolean {
    return this.spent >= this.bytesPerTurn;
  }

  spend(bytes: number): void {
    this.schedule();
    this.spent += bytes;
  }

  /** Calls `wake` in the next turn, once this turn's I/O callbacks have run, in the order asked. */
  wait(wake: () => void): void {
    this.waiting.push(wake);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.nextTurn);
  }

  private readonly nextTurn = (): void => {
    this.scheduled = false;
    this.spent = 0;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  };
}
