// Every protocol sits behind this small interface (HTTP is the only one today), so the
// scheduler never knows how bytes arrive.
import type { RetryWait, SegmentSnapshot, StageProgress } from '../../shared/models/job';
import type { JobPatch, JobRecord, SegmentRecord } from './store/job-store';

export interface FetchProgress {
  received: number;
  total: number | null;
  speed: number;
  activeConnections: number;
  segments: SegmentSnapshot[];
  retry: RetryWait | null;
  /** A stage after the bytes are in, run by the fetcher itself (verification while it hashes the rest). */
  stage: StageProgress | null;
}

export interface Fetcher {
  /** Resolves 'completed' when the file is in place, 'stopped' after stop(); throws a HaulError on failure. */
  run(): Promise<'completed' | 'stopped'>;
  stop(): void;
  progress(): FetchProgress;
  /** Syncs the part file, then records (through the hooks) the ranges that were written before the sync. */
  checkpoint(): Promise<void>;
  /** Per-job speed limit, live. */
  setSpeedLimit(bytesPerSecond: number | null): void;
  /** Per-job connection count, live where the protocol allows. */
  setConnections(n: number): void;
}

export interface FetcherHooks {
  /** Persists a change of the job record and notifies listeners. */
  update(patch: JobPatch): void;
  /** Records the segment set (written behind; call flush() where a crash must find it). */
  saveSegments(records: SegmentRecord[]): void;
  /** Commits pending record changes (grouped with others that ask at the same moment). */
  flush(): Promise<void>;
  /**
   * Writes these fields (already given to update()) to the database at once, in one small
   * statement of their own: for what a crash must find without the cost of a whole commit.
   * Throws a HaulError when the disk refuses.
   */
  writeThrough(patch: JobPatch): void;
  /**
   * Every byte has arrived: what is left (sync, verification, rename) needs no download slot, so
   * the next queued job may start meanwhile.
   */
  received(): void;
}

/**
 * A running job's download slot (one of maxJobs), as the scheduler lends it to the fetcher: a
 * download whose every connection waits for its host gives it back, so another job (maybe on
 * another host) can run meanwhile, and takes one again before its next connection opens.
 */
export interface DownloadSlot {
  /** Gives the slot back while the download waits. */
  release(): void;
  /** Takes a slot again; false while all are taken (the download keeps waiting). */
  reclaim(): boolean;
}

/** A job cleared to start: what was taken for it (a connection to its host) goes to its fetcher. */
export interface StartTicket {
  create(job: JobRecord, segments: SegmentRecord[], hooks: FetcherHooks): Fetcher;
  /** The run has ended: lets go of whatever the fetcher did not use. */
  release(): void;
}

export interface FetcherFactory {
  handles(url: URL): boolean;
  /**
   * Takes what the job's first request needs (HTTP: a free connection to its host), or returns
   * null when that is not free now: the job then stays queued, holding no download slot.
   */
  claim(job: JobRecord, slot: DownloadSlot): StartTicket | null;
}
