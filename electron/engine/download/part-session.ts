// The part file of one download and the operations on it that must not overlap: open, sync and
// record, empty, close. Connections write straight to `file` at their offsets; everything here
// runs one at a time, in the order asked.
import type { SegmentRecord } from '../store/job-store';
import { PartFile } from './part-file';
import type { SegmentTable } from './segment-table';

/**
 * Sync (and record) whenever this much was written since the last sync, besides the engine's
 * periodic checkpoint: the disk writes while the download runs, and the sync before the rename
 * has little left to do (a 1 GiB download otherwise ended with a sync of up to 300 MB).
 */
export const SYNC_AFTER_BYTES = 32 * 1024 * 1024;

export class PartSession {
  private part: PartFile | null = null;
  private io: Promise<unknown> = Promise.resolve();
  /** Bumped when the file is emptied, so an in-flight checkpoint can't record stale ranges. */
  private generation = 0;
  /** table.written when the last sync started, and whether one is under way. */
  private syncedWritten = 0;
  private syncing = false;

  constructor(
    readonly dir: string,
    readonly path: string,
    /** Records ranges that are on disk (the durability rule: only after a sync). */
    private readonly record: (records: SegmentRecord[]) => void,
  ) {}

  /** The open file, for the connections' writes. */
  get file(): PartFile {
    if (!this.part) throw new Error(`${this.path} is not open`);
    return this.part;
  }

  /** Opens the file; `fresh` empties it (a new download or a restart from zero). */
  open(fresh: boolean): Promise<void> {
    return this.serialize(async () => {
      if (this.part && fresh) await this.part.truncate(0);
      this.part ??= await PartFile.openIn(this.dir, this.path, fresh);
    });
  }

  /** Empties the file; ranges recorded from before can no longer be recorded by a checkpoint. */
  reset(): Promise<void> {
    this.generation++;
    this.syncedWritten = 0;
    return this.serialize(async () => {
      await this.part?.truncate(0);
    });
  }

  /** Syncs, then records the ranges that were written before the sync. */
  checkpoint(table: SegmentTable | null): Promise<void> {
    return this.serialize(async () => {
      const part = this.part;
      if (!table || !part) return;
      const generation = this.generation;
      table.compact();
      const records = table.records(); // taken before the sync: only bytes already written
      this.syncedWritten = table.written;
      await part.sync();
      if (generation === this.generation) this.record(records);
    });
  }

  /** A checkpoint once SYNC_AFTER_BYTES were written since the last one (called after each write). */
  syncWhenDirty(table: SegmentTable): void {
    if (this.syncing || table.written - this.syncedWritten < SYNC_AFTER_BYTES) return;
    this.syncing = true;
    void this.checkpoint(table)
      .catch(() => undefined) // the next write or the final sync reports a failing disk
      .finally(() => {
        this.syncing = false;
      });
  }

  /** The whole file is written: sync and close it before it is renamed into place. */
  complete(): Promise<void> {
    return this.serialize(async () => {
      await this.file.sync();
      await this.file.close();
      this.part = null;
    });
  }

  /** Letting go (pause, failure, disk full): record what is safely on disk, then close. */
  release(table: SegmentTable | null): Promise<void> {
    return this.serialize(async () => {
      if (this.part && table) {
        const records = table.records();
        const synced = await this.part.sync().then(
          () => true,
          () => false,
        );
        if (synced) this.record(records);
      }
      await this.part?.close();
      this.part = null;
    });
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.io.then(fn, fn);
    this.io = next.catch(() => undefined);
    return next;
  }
}
