// Connection slots per host, shared by every job. The ceiling starts at the configured maximum
// and is learned downward when a server answers 429/503, then recovers slowly after a quiet time.

export interface HostSlot {
  release(): void;
}

interface HostState {
  active: number;
  ceiling: number;
  /** When the ceiling was last lowered; recovery waits for a quiet period after it. */
  loweredAt: number;
  queue: (() => void)[];
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private max: number,
    private readonly recoverAfterMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  setMax(max: number): void {
    this.max = max;
    for (const [host, s] of this.hosts) {
      s.ceiling = Math.min(s.ceiling, max);
      if (s.loweredAt === 0) s.ceiling = max;
      this.pump(host, s);
    }
  }

  ceiling(host: string): number {
    return this.state(host).ceiling;
  }

  active(host: string): number {
    return this.hosts.get(host)?.active ?? 0;
  }

  /** True when a slot is free right now (lets a job decide not to open another connection). */
  hasFree(host: string): boolean {
    const s = this.state(host);
    this.maybeRecover(host, s);
    return s.active < s.ceiling && s.queue.length === 0;
  }

  /** Waits for a free slot. Rejects if the signal aborts first. */
  acquire(host: string, signal?: AbortSignal): Promise<HostSlot> {
    const s = this.state(host);
    this.maybeRecover(host, s);
    return new Promise<HostSlot>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        s.active++;
        let released = false;
        resolve({
          release: () => {
            if (released) return;
            released = true;
            s.active--;
            this.pump(host, s);
          },
        });
      };
      const onAbort = (): void => {
        const i = s.queue.indexOf(grant);
        if (i >= 0) s.queue.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      s.queue.push(grant);
      this.pump(host, s);
    });
  }

  /** The server said "too many" (429/503): use fewer connections to it from now on. */
  throttled(host: string): void {
    const s = this.state(host);
    const lowered = Math.max(1, Math.min(s.ceiling, s.active) - 1);
    s.ceiling = Math.min(s.ceiling, lowered);
    s.loweredAt = this.now();
  }

  private maybeRecover(host: string, s: HostState): void {
    if (s.loweredAt === 0 || s.ceiling >= this.max) return;
    if (this.now() - s.loweredAt >= this.recoverAfterMs) {
      s.ceiling++;
      s.loweredAt = s.ceiling >= this.max ? 0 : this.now();
      this.pump(host, s); // a recovered slot goes to whoever is waiting
    }
  }

  private pump(host: string, s: HostState): void {
    while (s.active < s.ceiling && s.queue.length > 0) s.queue.shift()!();
    if (s.active === 0 && s.queue.length === 0 && s.loweredAt === 0) this.hosts.delete(host);
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, ceiling: this.max, loweredAt: 0, queue: [] };
      this.hosts.set(host, s);
    }
    return s;
  }
}
