// What clients see of downloads: compact rows for the task list (10,000 of them must be cheap to
// send and keep), and one job in full for the details panel. Nothing secret is in either: a
// password in an address is shown as ***, Cookie and Authorization values as SECRET_SET.
import type { ErrorInfo } from '../errors';
import type { JobSnapshot, JobStatus, JobWait } from './job';
import type { JobNote } from './job-note';

/**
 * One range of the file as the row's progress bar draws it, in thousandths of the file:
 * [start, end, done up to, 1 while a connection is writing it].
 */
export type BarSegment = [start: number, end: number, done: number, live: 0 | 1];

/** The list's filters, as the sidebar shows them. */
export const STATUS_FILTERS = ['all', 'active', 'queued', 'paused', 'completed', 'failed'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export type StatusCounts = Record<StatusFilter, number>;

/** Which filter a status belongs to: verifying and extracting are active; a cancelled job is listed with the failed ones. */
export function filterOf(status: JobStatus): Exclude<StatusFilter, 'all'> {
  switch (status) {
    case 'active':
    case 'verifying':
    case 'extracting':
      return 'active';
    case 'cancelled':
      return 'failed';
    default:
      return status;
  }
}

export const SORT_KEYS = ['queue', 'name', 'size', 'progress', 'speed', 'eta', 'status', 'added', 'completed'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The snapshot's fields a row carries (its address with a password shown as ***). */
type RowFields =
  | 'id' | 'url' | 'dir' | 'name' | 'path' | 'status' | 'position' | 'total' | 'received' | 'speed' | 'eta'
  | 'activeConnections' | 'resumable' | 'error' | 'note' | 'retry' | 'stopping' | 'stage' | 'checksum'
  | 'extractedTo' | 'createdAt' | 'completedAt';

export interface JobRow extends Pick<JobSnapshot, RowFields> {
  /** The file's ranges for the row's bar while it downloads over several connections; null otherwise. */
  bar: BarSegment[] | null;
  /**
   * 'host': waiting for a free connection to its server ("Waiting for a free connection to
   * example.com"; the host is the address's). The engine always sends it; optional for older rows.
   */
  waiting?: JobWait | null;
}

/** A change to a row: its id and the fields that changed (a new row comes whole). */
export type JobRowPatch = Partial<JobRow> & { id: string };

/** Something that happened to a job, for the details panel's history: data, each client says it in its own words. */
export interface JobEvent {
  /** ms since the epoch */
  at: number;
  kind: 'added' | 'started' | 'retry' | 'note' | 'paused' | 'resumed' | 'verifying' | 'extracting' | 'completed' | 'failed' | 'cancelled';
  /** What it concerns, shown as it is: the address (a password as ***), the file's path, the checksum's algorithm. */
  subject?: string;
  /** What failed: a failure, a pause by an error, a retry's cause. */
  error?: ErrorInfo;
  /** A retry: the try about to start (1-based) and how many are allowed. */
  retry?: { attempt: number; maxTries: number };
  note?: JobNote;
}

/** One job in full: what the details panel shows. */
/** Where the last redirect led and the options are redacted like the row's address (secret headers as SECRET_SET). */
export interface JobDetail extends JobRow, Pick<JobSnapshot, 'finalUrl' | 'segments' | 'options'> {
  history: JobEvent[];
}

/** What a probe of an address found, before any download is made. */
export interface ProbeResult {
  /** Where the address led (after redirects), a password in it shown as ***. */
  finalUrl: string;
  /** The name the file would be saved as (before any "(1)" for a taken name). */
  name: string;
  size: number | null;
  /** The server takes byte ranges: several connections, and resuming after a stop. */
  resumable: boolean;
  contentType: string | null;
}
