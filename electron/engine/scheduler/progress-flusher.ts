// The durability rule in one place: sync every running download's part file, then record the
// ranges that were on disk before the sync, all jobs in one transaction. Never two at once.
import type { Fetcher } from '../fetcher';
import type { ProgressEntry } from '../store/job-store';

export interface FlushSource {
  running(): [string, Fetcher][];
  /** Still running and still in the store (a job may finish or go away during the sync). */
  isLive(id: string): boolean;
  save(entries: ProgressEntry[]): void;
}

export class ProgressFlusher {
  private inFlight: Promise<void> | null = null;

  constructor(private readonly source: FlushSource) {}

  flush(): Promise<void> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Waits for a flush in progress, if any. */
  async idle(): Promise<void> {
    await this.inFlight;
  }

  private async run(): Promise<void> {
    const entries: ProgressEntry[] = [];
    await Promise.all(
      this.source.running().map(async ([id, fetcher]) => {
        const segments = await fetcher.checkpoint().catch(() => null);
        if (segments) entries.push({ id, segments });
      }),
    );
    // A job that finished meanwhile has saved its own final state, which must not be overwritten.
    const live = entries.filter((e) => this.source.isLive(e.id));
    if (live.length > 0) this.source.save(live);
  }
}
