// Progress leaves the engine from this one tick, never per chunk: at most one `jobs.updated`
// (only jobs that changed or are running) and one `stats` per interval, whatever the job count.
import type { GlobalStats, JobSnapshot } from '../../../shared/models/job';
import type { EngineEvents } from '../events';

export interface TickerSource {
  snapshot(id: string): JobSnapshot | undefined;
  running(): string[];
  stats(): GlobalStats;
}

export class ProgressTicker {
  private readonly dirty = new Set<string>();
  private readonly gone = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private lastStats = '';

  constructor(
    private readonly events: EngineEvents,
    tickMs: number,
    private readonly source: TickerSource,
  ) {
    this.timer = setInterval(() => this.flush(), tickMs);
    this.timer.unref();
  }

  changed(id: string): void {
    this.dirty.add(id);
  }

  removed(id: string): void {
    this.dirty.delete(id);
    this.gone.add(id);
  }

  flush(): void {
    const ids = new Set([...this.dirty, ...this.source.running()]);
    this.dirty.clear();
    const jobs: JobSnapshot[] = [];
    for (const id of ids) {
      const snap = this.source.snapshot(id);
      if (snap) jobs.push(snap);
    }
    const removed = [...this.gone];
    this.gone.clear();
    if (jobs.length > 0 || removed.length > 0) this.events.emit('jobs.updated', { jobs, removed });
    const stats = this.source.stats();
    const key = JSON.stringify(stats);
    if (key !== this.lastStats) {
      this.lastStats = key;
      this.events.emit('stats', stats);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
