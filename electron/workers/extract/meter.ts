// Counts what extraction actually writes (never what headers claim) and enforces the caps, the
// free-space margin and cancellation at every chunk, so a lying archive is stopped mid-stream.

import { statfs } from 'node:fs/promises';
import { HaulError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/format';
import { cancelled, limit, printable } from './errors';

export interface ExtractLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed, per entry (zip) and overall; ignored until RATIO_FLOOR is written. */
  maxRatio: number;
  /** Free space to leave on the target disk; extraction stops before eating into it. */
  minFreeBytes: number;
}

export const DEFAULT_LIMITS: ExtractLimits = {
  maxEntries: 100_000,
  maxTotalBytes: 64 * 1024 ** 3,
  maxRatio: 200,
  minFreeBytes: 256 * 1024 ** 2,
};

/** Small files compress absurdly well (a 2 MiB file of spaces is legitimately 1000:1). */
export const RATIO_FLOOR = 1024 ** 2;

export interface ExtractProgress {
  entries: number;
  bytes: number;
  /** Known only when the archive lists sizes up front (zip). */
  totalBytes: number | null;
  /** The entries the archive lists, when it lists them up front (zip); a tar is read to its end to know. */
  totalEntries: number | null;
  /** Compressed bytes consumed so far and the archive's size: a percentage for any kind. */
  archiveRead: number;
  archiveSize: number;
}

/** Per-entry tally for the per-entry ratio; `compressed` is null where entries share one stream. */
export interface EntryTally {
  name: string;
  written: number;
  compressed: number | null;
}

export interface MeterOptions {
  limits: ExtractLimits;
  archiveSize: number;
  /** Compressed bytes consumed so far, as the reader knows it. */
  compressedRead: () => number;
  /** A folder on the target disk, for statfs. */
  diskDir: string;
  onProgress?: (p: ExtractProgress) => void;
  signal?: AbortSignal;
}

const PROGRESS_EVERY_MS = 100;
const DISK_EVERY_BYTES = 16 * 1024 ** 2;
const DISK_EVERY_MS = 1000;

export class ExtractMeter {
  entries = 0;
  bytes = 0;
  totalBytes: number | null = null;
  totalEntries: number | null = null;
  private lastProgress = 0;
  private lastDiskBytes = 0;
  private lastDiskAt = Date.now();

  constructor(private readonly o: MeterOptions) {}

  throwIfCancelled(): void {
    if (this.o.signal?.aborted) throw cancelled();
  }

  /** Every entry counts, skipped ones too: a million empty entries is an attack on its own. */
  entry(): void {
    this.throwIfCancelled();
    this.entries += 1;
    if (this.entries > this.o.limits.maxEntries) {
      throw limit(`The archive has more than ${this.o.limits.maxEntries} entries (limit)`);
    }
    this.progress(false);
  }

  /** Checks a size the archive announces before anything is written (zip's central directory). */
  checkClaims(entries: number, totalBytes: number): void {
    const { maxEntries, maxTotalBytes } = this.o.limits;
    if (entries > maxEntries) throw limit(`The archive lists ${entries} entries; the limit is ${maxEntries}`);
    if (totalBytes > maxTotalBytes) {
      throw limit(`The archive would expand to ${formatBytes(totalBytes)}; the limit is ${formatBytes(maxTotalBytes)}`);
    }
  }

  async wrote(n: number, tally: EntryTally): Promise<void> {
    this.throwIfCancelled();
    this.bytes += n;
    tally.written += n;
    const { maxTotalBytes, maxRatio } = this.o.limits;
    if (this.bytes > maxTotalBytes) {
      throw limit(`Extraction passed the size limit of ${formatBytes(maxTotalBytes)} (at "${printable(tally.name)}")`);
    }
    if (tally.compressed !== null && tally.written >= RATIO_FLOOR && tally.written / Math.max(tally.compressed, 1) > maxRatio) {
      throw limit(`Entry "${printable(tally.name)}" expands more than ${maxRatio}× (compression ratio limit): likely a zip bomb`);
    }
    if (this.bytes >= RATIO_FLOOR && this.bytes / Math.max(this.o.compressedRead(), 1) > maxRatio) {
      throw limit(`The archive expands more than ${maxRatio}× (compression ratio limit): likely a decompression bomb`);
    }
    this.progress(false);
    if (this.bytes - this.lastDiskBytes >= DISK_EVERY_BYTES || Date.now() - this.lastDiskAt >= DISK_EVERY_MS) {
      await this.checkDisk(0);
    }
  }

  /** Fails when writing `needed` more bytes would leave less than the margin free. */
  async checkDisk(needed: number): Promise<void> {
    this.lastDiskBytes = this.bytes;
    this.lastDiskAt = Date.now();
    const s = await statfs(this.o.diskDir);
    const free = s.bavail * s.bsize;
    const margin = this.o.limits.minFreeBytes;
    if (free - needed < margin) {
      const what = needed > 0 ? `needs ${formatBytes(needed)} but only ${formatBytes(free)} is free` : `only ${formatBytes(free)} left`;
      throw new HaulError('HAUL_E_DISK_FULL', `Not enough disk space to extract: ${what} (keeping ${formatBytes(margin)} free)`);
    }
  }

  progress(final: boolean): void {
    const now = Date.now();
    if (!this.o.onProgress || (!final && now - this.lastProgress < PROGRESS_EVERY_MS)) return;
    this.lastProgress = now;
    this.o.onProgress({
      entries: this.entries,
      bytes: this.bytes,
      totalBytes: this.totalBytes,
      totalEntries: this.totalEntries,
      archiveRead: Math.min(this.o.compressedRead(), this.o.archiveSize),
      archiveSize: this.o.archiveSize,
    });
  }
}
