import type { ErrorInfo, HaulErrorCode } from '../errors';
import type { JobNote } from './job-note';

// verifying/extracting are the post-processing stages that run in the process pool.
export const JOB_STATUSES = ['queued', 'active', 'verifying', 'extracting', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** What a download that is not moving waits for: 'host', a free connection to its server (see maxPerHost). */
export type JobWait = 'host';

/** A stop the user asked for that is still under way (see JobSnapshot.stopping). */
export type StopRequest = 'pause' | 'cancel' | 'remove';

/** Statuses from which the scheduler may (re)start a job. */
export const RUNNABLE_STATUSES: readonly JobStatus[] = ['queued'];
export const FINISHED_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export type ChecksumAlgo = 'md5' | 'sha1' | 'sha256' | 'sha512';

export interface ExpectedChecksum {
  algo: ChecksumAlgo;
  hex: string;
}

export interface ChecksumResult extends ExpectedChecksum {
  ok: boolean;
}

export interface JobOptions {
  /** Connections for this job, 1..64. */
  connections: number;
  /** Bytes per second; null means no per-job limit. */
  speedLimit: number | null;
  /** Extra request headers (cookies, auth, referer). */
  headers: Record<string, string>;
  /** Verify the file against this before it is renamed into place. */
  checksum?: ExpectedChecksum | null;
  /** A `.sha256`-style file to fetch the expected checksum from. */
  checksumUrl?: string | null;
  /** Extract the archive after a successful download (and verification). */
  extract?: boolean;
  /** Delete the archive after a fully successful extraction. */
  deleteArchive?: boolean;
  /** Other addresses of the same file not tried yet, in order: the next one takes over when the address fails. */
  mirrors?: string[];
  /**
   * The engine's own: where the .part was while a move to the job's folder and name is under
   * way (a crash then finishes it at the next start). Never sent to clients.
   */
  movedFrom?: string;
}

/** Progress of the post-processing stage (hashing the remainder, extracting). */
export interface StageProgress {
  done: number;
  total: number | null;
  entries?: number;
  /** Extracting: the entries the archive lists, when known before the end (zip). */
  entriesTotal?: number;
}

export interface SegmentSnapshot {
  start: number;
  /** Exclusive end; null while the length is unknown. */
  end: number | null;
  received: number;
  speed: number;
  active: boolean;
}

/** A download waiting to try again after a failure it may recover from (a reset, a 503, a timeout). */
export interface RetryWait {
  /** What failed, in the engine's words (English): a tooltip's technical line. */
  reason: string;
  /** What failed, for each client to say in its own words. */
  code: HaulErrorCode;
  httpStatus?: number;
  /** Failed tries in a row so far, and how many are allowed before the download fails. */
  attempt: number;
  maxTries: number;
  /** When the next try starts (ms since the epoch); in the past while that try is under way. */
  at: number;
}

export interface JobSnapshot {
  id: string;
  url: string;
  finalUrl: string | null;
  dir: string;
  /** File name once known (from the user, Content-Disposition or the URL). */
  name: string | null;
  /** The name the user asked for, if any (name stays null until the download chooses it). */
  requestedName: string | null;
  /** Absolute path of the finished file (or where it will land). */
  path: string | null;
  status: JobStatus;
  position: number;
  total: number | null;
  received: number;
  /** Bytes per second, smoothed. */
  speed: number;
  /** Seconds left, null when unknown. */
  eta: number | null;
  activeConnections: number;
  segments: SegmentSnapshot[];
  resumable: boolean;
  error: ErrorInfo | null;
  /** Something the engine decided that the person should know (e.g. why it restarted from zero). */
  note: JobNote | null;
  /** Set while the download waits to try again and no bytes arrive meanwhile. */
  retry: RetryWait | null;
  /**
   * Set from the request until the job has stopped (connections closed, the part file synced, an
   * extraction's worker stopped); the status says the outcome once it has. A stronger request
   * replaces it (remove > cancel > pause), a weaker one never does; a resume clears a pause.
   */
  stopping: StopRequest | null;
  /**
   * 'host' while the download waits for a free connection to its server (every one allowed per
   * host is taken by other downloads): queued and passed over, or active with no connection open.
   */
  waiting: JobWait | null;
  /** Where the job is: downloading, verifying, extracting, or done. */
  phase: 'download' | 'verify' | 'extract' | null;
  stage: StageProgress | null;
  checksum: ChecksumResult | null;
  extractedTo: string | null;
  options: JobOptions;
  createdAt: number;
  completedAt: number | null;
}

export interface GlobalStats {
  speed: number;
  active: number;
  queued: number;
  paused: number;
  completed: number;
  failed: number;
}
