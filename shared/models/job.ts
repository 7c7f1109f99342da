import type { ErrorInfo } from '../errors';

export const JOB_STATUSES = ['queued', 'active', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses from which the scheduler may (re)start a job. */
export const RUNNABLE_STATUSES: readonly JobStatus[] = ['queued'];
export const FINISHED_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export interface JobOptions {
  /** Connections for this job, 1..64. */
  connections: number;
  /** Bytes per second; null means no per-job limit. */
  speedLimit: number | null;
  /** Extra request headers (cookies, auth, referer). */
  headers: Record<string, string>;
}

export interface SegmentSnapshot {
  start: number;
  /** Exclusive end; null while the length is unknown. */
  end: number | null;
  received: number;
  speed: number;
  active: boolean;
}

export interface JobSnapshot {
  id: string;
  url: string;
  finalUrl: string | null;
  dir: string;
  /** File name once known (from the user, Content-Disposition or the URL). */
  name: string | null;
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
  /** A human note about something the engine decided (e.g. why it restarted from zero). */
  note: string | null;
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
