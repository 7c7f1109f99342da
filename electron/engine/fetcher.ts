// Every protocol sits behind this small interface (HTTP is the only one today), so the
// scheduler never knows how bytes arrive.
import type { SegmentSnapshot } from '../../shared/models/job';
import type { JobPatch, JobRecord, SegmentRecord } from './store/job-store';

export interface FetchProgress {
  received: number;
  total: number | null;
  speed: number;
  activeConnections: number;
  segments: SegmentSnapshot[];
}

export interface Fetcher {
  /** Resolves 'completed' when the file is in place, 'stopped' after stop(); throws a HaulError on failure. */
  run(): Promise<'completed' | 'stopped'>;
  stop(): void;
  progress(): FetchProgress;
  /** Syncs the part file and returns the ranges that are now safe to record, or null if nothing to record. */
  checkpoint(): Promise<SegmentRecord[] | null>;
  /** Per-job speed limit, live. */
  setSpeedLimit(bytesPerSecond: number | null): void;
  /** Per-job connection count, live where the protocol allows. */
  setConnections(n: number): void;
}

export interface FetcherHooks {
  /** Persists a change of the job record and notifies listeners. */
  update(patch: JobPatch): void;
  /** Persists a new segment plan right away (a crash must find the plan that matches the file). */
  saveSegments(records: SegmentRecord[]): void;
}

export interface FetcherFactory {
  handles(url: URL): boolean;
  create(job: JobRecord, segments: SegmentRecord[], hooks: FetcherHooks): Fetcher;
}
