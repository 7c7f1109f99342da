// The durability rule's clock: every interval, each running download syncs its part file and
// records the ranges that were on disk before the sync (through the write-behind writer), then
// everything pending is committed in one transaction. Never two flushes at once.
import type { Fetcher } from '../fetcher';

export interface FlushSource {
  running(): Fetcher[];
  /** Commits everything pending in one transaction. */
  commit(): void;
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
    await Promise.all(this.source.running().map((f) => f.checkpoint().catch(() => undefined)));
    this.source.commit();
  }
}
