// Job state has one writer: the engine, through this interface. Two implementations share
// one contract test suite: SQLite (the real one) and an in-memory twin.
import type { ErrorInfo } from '../../../shared/errors';
import type { ChecksumResult, JobOptions, JobStatus } from '../../../shared/models/job';
import type { JobNote } from '../../../shared/models/job-note';
import type { Settings } from '../../../shared/models/settings';

export interface JobRecord {
  id: string;
  url: string;
  finalUrl: string | null;
  dir: string;
  /** Name the user asked for (-o / add dialog), if any. */
  requestedName: string | null;
  /** Final file name once chosen (the part file is `${name}.part` beside it). */
  name: string | null;
  status: JobStatus;
  /** Queue order; lower runs first. */
  position: number;
  total: number | null;
  etag: string | null;
  lastModified: string | null;
  /** null until the first response says. */
  acceptRanges: boolean | null;
  options: JobOptions;
  error: ErrorInfo | null;
  note: JobNote | null;
  /** Outcome of verification, when a checksum was given. */
  checksum: ChecksumResult | null;
  /** The folder the archive was extracted into. */
  extractedTo: string | null;
  /** The file the download renamed into place, as found right after the rename; null before. */
  placedFile: PlacedFile | null;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

/**
 * What tells the file a download put in place from any other file later found under its name:
 * removing the download with its files deletes it only while all of these still match.
 */
export interface PlacedFile {
  size: number;
  dev: number;
  ino: number;
  mtimeMs: number;
}

/** A byte range of the file; `done` bytes from `start` are on disk and synced. */
export interface SegmentRecord {
  start: number;
  /** Exclusive; null when the total length is unknown (single connection). */
  end: number | null;
  done: number;
}

export type JobPatch = Partial<Omit<JobRecord, 'id' | 'createdAt'>>;

export interface ProgressEntry {
  id: string;
  /** Replaces the job's segment set when given. */
  segments?: SegmentRecord[];
  patch?: JobPatch;
}

export interface JobStore {
  /** Inserts in one transaction. */
  insertJobs(jobs: JobRecord[]): void;
  getJob(id: string): JobRecord | undefined;
  /** All jobs ordered by position. */
  listJobs(): JobRecord[];
  updateJob(id: string, patch: JobPatch): void;
  /** Deletes jobs and their segments in one transaction. */
  deleteJobs(ids: string[]): void;
  /** Replaces the job's segment set. */
  saveSegments(id: string, segments: SegmentRecord[]): void;
  loadSegments(id: string): SegmentRecord[];
  /**
   * Bytes recorded as done, per job that has recorded ranges and has not completed (a completed
   * job's are its size), in one read: for start-up and listings of 100,000 finished downloads.
   */
  loadRecordedBytes(): Map<string, number>;
  /** Many jobs' segments and/or patches in one transaction. */
  saveProgress(entries: ProgressEntry[]): void;
  /** Rewrites positions in one transaction. */
  setPositions(order: { id: string; position: number }[]): void;
  /** Stored settings only (missing keys fall back to defaults elsewhere). */
  loadSettings(): Partial<Settings>;
  saveSettings(patch: Partial<Settings>): void;
  /** The UI's stored preferences, as saved (the engine checks them against the schema). */
  loadPrefs(): Record<string, unknown>;
  savePrefs(patch: Record<string, unknown>): void;
  close(): void;
}
