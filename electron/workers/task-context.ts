// What a task handler in the worker gets besides its payload.
export interface TaskContext<P> {
  /** Aborted when the pool cancels the task; handlers stop promptly and reject. */
  signal: AbortSignal;
  /** Throttle before calling: every call crosses the process boundary. */
  progress(progress: P): void;
}
