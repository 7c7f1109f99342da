// Write-behind for job records: changes reach memory at once and the database in one
// transaction per interval (the engine's progress interval: twice a second), whatever the number
// of jobs. 1,000 small downloads otherwise made ~6,000 separate commits. Callers flush at once
// where a crash must find the change recorded.
import type { JobPatch, JobStore, ProgressEntry, SegmentRecord } from '../store/job-store';
import { isDiskTrouble } from '../store/store-errors';

export class StoreWriter {
  private readonly patches = new Map<string, JobPatch>();
  private readonly segments = new Map<string, SegmentRecord[]>();
  private timer: NodeJS.Timeout | null = null;
  private group: Promise<void> | null = null;
  private lastCommit = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: JobStore,
    private readonly delayMs: number,
  ) {}

  updateJob(id: string, patch: JobPatch): void {
    this.patches.set(id, { ...this.patches.get(id), ...patch });
    this.schedule();
  }

  saveSegments(id: string, records: SegmentRecord[]): void {
    this.segments.set(id, records);
    this.schedule();
  }

  /** The segment set waiting to be written for a job, if any (newer than what the store has). */
  pendingSegments(id: string): SegmentRecord[] | undefined {
    return this.segments.get(id);
  }

  /** Drops pending writes of a job that is being deleted. */
  forget(id: string): void {
    this.patches.delete(id);
    this.segments.delete(id);
  }

  /**
   * Commits soon, together with whoever else asks within the same turn of the event loop (group
   * commit): 16 downloads finishing at once cost one transaction, not 16.
   */
  commitSoon(): Promise<void> {
    this.group ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.group = null;
        try {
          this.flush();
          resolve();
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    return this.group;
  }

  /**
   * The periodic commit: now, unless the last one is less than an interval old; then the timer
   * commits when it is. Two clocks (this and the write-behind timer) never commit twice in one interval.
   */
  flushDue(): void {
    if (Date.now() - this.lastCommit >= this.delayMs) this.flush();
    else if (this.patches.size > 0 || this.segments.size > 0) this.schedule();
  }

  /** Everything pending, in one transaction. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.patches.size === 0 && this.segments.size === 0) return;
    this.lastCommit = Date.now();
    const entries: ProgressEntry[] = [];
    const ids = new Set([...this.patches.keys(), ...this.segments.keys()]);
    for (const id of ids) entries.push({ id, segments: this.segments.get(id), patch: this.patches.get(id) });
    this.patches.clear();
    this.segments.clear();
    try {
      this.store.saveProgress(entries);
    } catch (err) {
      // A full or unwritable disk: keep every change (newer ones win) and try again later.
      if (isDiskTrouble(err)) {
        this.restore(entries);
        this.schedule();
      }
      throw err;
    }
  }

  private restore(entries: ProgressEntry[]): void {
    for (const e of entries) {
      if (e.patch) this.patches.set(e.id, { ...e.patch, ...this.patches.get(e.id) });
      if (e.segments && !this.segments.has(e.id)) this.segments.set(e.id, e.segments);
    }
  }

  private schedule(): void {
    if (this.timer) return;
    // Within an interval of the change, and never sooner than an interval after the last commit.
    const wait = Math.max(0, this.lastCommit + this.delayMs - Date.now());
    this.timer = setTimeout(() => {
      try {
        this.flush();
      } catch {
        // Kept and retried by flush itself when the disk is the problem; nothing to tell anyone here.
      }
    }, Math.min(wait, this.delayMs));
    this.timer.unref();
  }
}
