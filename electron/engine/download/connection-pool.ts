// The connections of one download attempt. Each worker takes a free range, or halves the
// running range with the longest time left, until nothing is left. The number of workers
// follows the job's connection setting live: more are spawned, extra ones retire after their range.
// Near the end, while connections are free, a slow response's tail goes to a fresh one.
import { setMaxListeners } from 'node:events';
import type { LiveSegment, SegmentTable } from './segment-table';
import { releaseOpened, runSegment, type Opened, type SegmentContext } from './segment-runner';

export interface PoolOptions {
  /** Ranges may be split (the server supports them and the length is known). */
  split: boolean;
  minPiece: number;
  /** Wanted number of connections, read live. */
  target: () => number;
}

/**
 * How often free connections look again for a slow tail: a response becomes worth taking over
 * as time passes (it is judged only once measured), with no event to say so.
 */
const TAIL_CHECK_MS = 100;

export class ConnectionPool {
  private readonly running = new Set<Promise<void>>();
  private workers = 0;
  private failure: unknown = null;
  private readonly host: string;
  /** When a late tick last showed the event loop busy: silences before it may be this side's. */
  private busyLoopAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly table: SegmentTable,
    private readonly ctx: SegmentContext,
    private readonly stop: AbortController,
    private readonly opts: PoolOptions,
  ) {
    this.host = new URL(ctx.url).host;
  }

  /**
   * Resolves when every range is done or the attempt stopped; throws the first fatal error.
   * Takes ownership of `opened` (the probe's response): it is used or discarded, never leaked.
   */
  async run(first: LiveSegment | null, opened: Opened | undefined): Promise<void> {
    try {
      while (!this.table.allComplete && !this.stop.signal.aborted) {
        if (first) first.claimed = true;
        this.spawn(first, opened);
        first = null;
        opened = undefined;
        this.resize();
        await this.settle();
        if (this.failure) throw this.failure;
      }
      if (this.failure) throw this.failure;
    } finally {
      // Not handed to a connection (stopped already, or nothing left to fetch).
      if (opened) releaseOpened(opened);
    }
  }

  /** Spawns workers up to the target (called when the setting changes). */
  resize(): void {
    const want = this.opts.split ? this.opts.target() : 1;
    while (this.workers < want && !this.stop.signal.aborted && this.hasWork()) this.spawn(null, undefined);
  }

  /**
   * Waits for every worker. Meanwhile, whenever the job has fewer connections than it wants (the
   * others found nothing left and ended), looks for a slow tail to hand to a fresh one.
   */
  private async settle(): Promise<void> {
    while (this.running.size > 0) {
      if (!this.opts.split || this.workers >= this.opts.target()) {
        await Promise.race(this.running);
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      const due = performance.now() + TAIL_CHECK_MS;
      const tick = new Promise<'tick'>((resolve) => (timer = setTimeout(() => resolve('tick'), TAIL_CHECK_MS)));
      const woke = await Promise.race([...this.running, tick]);
      clearTimeout(timer);
      const now = performance.now();
      // Timers run before the I/O that waited behind a busy loop: a late tick may see chunks that
      // arrived as not yet arrived, so silences count from then on.
      if (woke === 'tick' && now - due > TAIL_CHECK_MS) this.busyLoopAt = now;
      while (this.workers < this.opts.target()) {
        const tail = this.takeOverTail(woke === 'tick' ? this.busyLoopAt : now);
        if (!tail) break;
        this.spawn(tail, undefined);
      }
    }
  }

  /**
   * The tail of a slow response, for a fresh connection the host has room for; null if none is
   * worth it. Only silence after `quietFrom` counts as a stall (see SegmentTable.takeOverTail).
   */
  private takeOverTail(quietFrom: number): LiveSegment | null {
    if (this.stop.signal.aborted || !this.ctx.hosts.hasFree(this.host)) return null;
    return this.table.takeOverTail(this.ctx.stats.fresh(), performance.now(), quietFrom);
  }

  /** A new connection would find a range: a free one, or (when splitting) one worth halving. */
  private hasWork(): boolean {
    return this.table.hasWorkFor(this.opts.split ? this.opts.minPiece : null);
  }

  private spawn(seg: LiveSegment | null, pre: Opened | undefined): void {
    this.workers++;
    // Each connection listens on the stop signal twice (request head, body): past a few of them
    // Node's default of 10 listeners would warn. Raised only then (it costs a little per call).
    if (this.workers === 5) setMaxListeners(256, this.stop.signal);
    const p = this.work(seg, pre).finally(() => {
      this.workers--;
      this.running.delete(p);
    });
    this.running.add(p);
  }

  private async work(seg: LiveSegment | null, pre: Opened | undefined): Promise<void> {
    let current = seg;
    let preOpened = pre;
    const { split, minPiece, target } = this.opts;
    try {
      while (!this.stop.signal.aborted) {
        // Retire when the job now wants fewer connections (never the last one).
        if (!current && this.workers > Math.max(1, split ? target() : 1)) return;
        // A worker resumes among other I/O callbacks, maybe before chunks that waited behind it:
        // it judges speeds only, and stalls are left to the pool's tick.
        current ??= this.table.claimNext() ?? (split ? (this.table.steal(minPiece) ?? this.takeOverTail(performance.now())) : null);
        if (!current) return;
        try {
          if ((await runSegment(this.ctx, current, preOpened)) === 'yielded') return;
        } catch (err) {
          this.failure ??= err;
          this.stop.abort();
          return;
        } finally {
          current.claimed = false;
          current = null;
          preOpened = undefined; // runSegment owned it
        }
      }
    } finally {
      if (preOpened) releaseOpened(preOpened);
    }
  }
}
