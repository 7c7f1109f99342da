// Connection slots per host, shared by every job. The ceiling starts at the configured maximum
// and is learned downward when a server answers 429/503, then recovers slowly after a quiet time.

export interface HostSlot {
  release(): void;
}

/** What a download needs of the limiter (HostLimiter itself, or one download's view of it). */
export interface HostSlots {
  /** True when a slot is free right now (lets a job decide not to open another connection). */
  hasFree(host: string): boolean;
  /** Waits for a free slot. Rejects if the signal aborts first. */
  acquire(host: string, signal?: AbortSignal): Promise<HostSlot>;
  /** The server said "too many" (429/503): use fewer connections to it from now on. */
  throttled(host: string): void;
}

interface Waiter {
  grant(): void;
  /** Asked when a slot is free for this waiter: false leaves it waiting and offers the slot on. */
  admit?: () => boolean;
}

interface HostState {
  active: number;
  ceiling: number;
  /** When the ceiling was last lowered; recovery waits for a quiet period after it. */
  loweredAt: number;
  queue: Waiter[];
  /** Raises a lowered ceiling when its quiet period is over, even if nobody asks meanwhile. */
  recovery: NodeJS.Timeout | null;
}

export class HostLimiter implements HostSlots {
  private readonly hosts = new Map<string, HostState>();
  private freed: ((host: string) => void) | null = null;

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
      this.pump(host, s, true);
    }
  }

  /** Told when a host has room again (a slot released, a ceiling raised): a job waiting to start may. */
  onFreed(listener: (host: string) => void): void {
    this.freed = listener;
  }

  ceiling(host: string): number {
    return this.state(host).ceiling;
  }

  active(host: string): number {
    return this.hosts.get(host)?.active ?? 0;
  }

  hasFree(host: string): boolean {
    const s = this.state(host);
    this.maybeRecover(host, s);
    return s.active < s.ceiling && s.queue.length === 0;
  }

  /** A slot now if one is free and nobody waits for it, else null: nothing is queued. */
  tryAcquire(host: string): HostSlot | null {
    if (!this.hasFree(host)) return null;
    const s = this.state(host);
    s.active++;
    return this.slot(host, s);
  }

  /**
   * Waits for a free slot. Rejects if the signal aborts first. With `admit`, a free slot goes to
   * this waiter only when admit() says yes at that moment; until then it is offered to the next.
   */
  acquire(host: string, signal?: AbortSignal, admit?: () => boolean): Promise<HostSlot> {
    const s = this.state(host);
    this.maybeRecover(host, s);
    return new Promise<HostSlot>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          s.active++;
          resolve(this.slot(host, s));
        },
        admit,
      };
      const onAbort = (): void => {
        const i = s.queue.indexOf(waiter);
        if (i >= 0) s.queue.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      s.queue.push(waiter);
      this.pump(host, s);
    });
  }

  /** Offers free slots again to waiters that could not take them before (see acquire's admit). */
  wake(): void {
    for (const [host, s] of this.hosts) if (s.queue.length > 0) this.pump(host, s);
  }

  throttled(host: string): void {
    const s = this.state(host);
    const lowered = Math.max(1, Math.min(s.ceiling, s.active) - 1);
    s.ceiling = Math.min(s.ceiling, lowered);
    s.loweredAt = this.now();
    this.scheduleRecovery(host, s);
  }

  private slot(host: string, s: HostState): HostSlot {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        s.active--;
        this.pump(host, s, true);
      },
    };
  }

  private maybeRecover(host: string, s: HostState): void {
    if (s.loweredAt === 0 || s.ceiling >= this.max) return;
    if (this.now() - s.loweredAt >= this.recoverAfterMs) {
      s.ceiling++;
      s.loweredAt = s.ceiling >= this.max ? 0 : this.now();
      this.scheduleRecovery(host, s);
      this.pump(host, s, true); // a recovered slot goes to whoever is waiting
    }
  }

  private scheduleRecovery(host: string, s: HostState): void {
    if (s.recovery) clearTimeout(s.recovery);
    s.recovery = null;
    if (s.loweredAt === 0) return;
    s.recovery = setTimeout(() => {
      s.recovery = null;
      if (this.hosts.get(host) === s) this.maybeRecover(host, s);
    }, this.recoverAfterMs);
    s.recovery.unref();
  }

  /** Grants free slots in line; `freed`: room was just made (then the freed listener hears of any left). */
  private pump(host: string, s: HostState, freed = false): void {
    for (let i = 0; i < s.queue.length && s.active < s.ceiling; ) {
      const waiter = s.queue[i]!;
      if (waiter.admit && !waiter.admit()) {
        i++;
        continue;
      }
      s.queue.splice(i, 1);
      waiter.grant();
    }
    const room = s.active < s.ceiling;
    if (s.active === 0 && s.queue.length === 0 && s.loweredAt === 0) this.hosts.delete(host);
    if (freed && room) this.freed?.(host);
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, ceiling: this.max, loweredAt: 0, queue: [], recovery: null };
      this.hosts.set(host, s);
    }
    return s;
  }
}
