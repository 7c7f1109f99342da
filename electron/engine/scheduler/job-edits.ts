// What a user may change on a download after adding it, as patches the scheduler applies: a
// retry, its options (live), and its address (an expired signed link, a mirror of the same file).
import { displayUrl } from '../../../shared/format';
import { HaulError, errorInfo, type ErrorInfo } from '../../../shared/errors';
import { sameOrigin, withoutCredentials } from '../http/credentials';
import type { JobOptions } from '../../../shared/models/job';
import type { JobNote } from '../../../shared/models/job-note';
import type { JobPatch, JobRecord } from '../store/job-store';

export interface OptionsChange {
  speedLimit?: number | null;
  connections?: number;
}

export interface AddressChange {
  /** Already validated (http/https, parsable). */
  url: string;
  /** Replaces the job's extra headers when given (fresh cookies often come with a fresh link). */
  headers?: Record<string, string>;
}

export type RetryStep = { patch: JobPatch; forgetRanges: boolean } | null;

/** What retrying does to a job, or null when it has nothing to retry. */
export function retryStep(job: JobRecord): RetryStep {
  if (job.status !== 'failed' && job.status !== 'cancelled' && job.status !== 'paused') return null;
  // A finished file found corrupt when verified again is fetched again from zero beside it (the
  // corrupt one is never overwritten): with no length recorded, it is not taken for finished.
  if (job.status === 'failed' && job.completedAt !== null && job.error?.code === 'HAUL_E_CHECKSUM_MISMATCH') {
    const patch: JobPatch = { status: 'queued', error: null, note: null, checksum: null, completedAt: null, placedFile: null, total: null, extractedTo: null };
    return { patch, forgetRanges: true };
  }
  // A download that finished but failed to extract is extracted again, not fetched again.
  if (job.status === 'failed' && job.completedAt !== null && job.options.extract) {
    return { patch: { status: 'extracting', error: null }, forgetRanges: false };
  }
  // A file that failed verification is fetched again from zero.
  const forgetRanges = job.error?.code === 'HAUL_E_CHECKSUM_MISMATCH';
  return { patch: { status: 'queued', error: null, note: null, checksum: null }, forgetRanges };
}

export function changedOptions(options: JobOptions, change: OptionsChange): JobOptions {
  const next = { ...options };
  if (change.speedLimit !== undefined) next.speedLimit = change.speedLimit;
  if (change.connections !== undefined) next.connections = change.connections;
  return next;
}

/**
 * The new address keeps the recorded bytes: the resume checks (size, ETag, Last-Modified,
 * If-Range) then decide whether they belong to the file found there, and if not the download
 * restarts from zero and its note says why. The name stays: the .part is under it.
 */
export function addressPatch(job: JobRecord, change: AddressChange): JobPatch {
  return {
    url: change.url,
    finalUrl: null,
    options: { ...job.options, headers: change.headers ?? job.options.headers },
    note: { kind: 'addressChanged', url: displayUrl(change.url) },
  };
}

// What another address of the same file may not have: not a full disk, a proxy or an internal error.
const ADDRESS_ERRORS = new Set([
  'HAUL_E_HTTP_STATUS', 'HAUL_E_NETWORK', 'HAUL_E_UNKNOWN_HOST', 'HAUL_E_TIMEOUT', 'HAUL_E_STALLED', 'HAUL_E_RETRIES_EXHAUSTED', 'HAUL_E_TLS',
  'HAUL_E_SHORT_BODY', 'HAUL_E_TOO_MANY_REDIRECTS', 'HAUL_E_REDIRECT_LOOP', 'HAUL_E_CONTENT_CHANGED', 'HAUL_E_RANGE_IGNORED',
  'HAUL_E_CHECKSUM_MISMATCH',
]);

/**
 * When the download's address failed and a mirror is left, the next one takes over (keeping the
 * bytes, checked like any new address) instead of the download failing. Cookies and
 * Authorization stay with the origin they were given for. A corrupt file starts again from zero.
 */
export function mirrorFailover(job: JobRecord, error: ErrorInfo): RetryStep {
  const [next, ...rest] = job.options.mirrors ?? [];
  if (next === undefined || job.completedAt !== null || !ADDRESS_ERRORS.has(error.code)) return null;
  const headers = sameOrigin(next, job.url) ? job.options.headers : withoutCredentials(job.options.headers);
  const address = addressPatch(job, { url: next, headers });
  const note: JobNote = { kind: 'mirror', from: displayUrl(job.url), to: displayUrl(next), error: errorInfo(error.code, error.message, error.httpStatus) };
  const patch: JobPatch = { ...address, options: { ...address.options!, mirrors: rest }, status: 'queued', error: null, checksum: null, note };
  return { patch, forgetRanges: error.code === 'HAUL_E_CHECKSUM_MISMATCH' };
}

/** A download whose bytes are all in (or being checked, extracted) has no use for a new address. */
export function refuseAddressChange(job: JobRecord, finishing: boolean): void {
  const done = job.completedAt !== null || finishing || job.status === 'completed' || job.status === 'verifying' || job.status === 'extracting';
  if (done) {
    throw new HaulError('HAUL_E_INVALID_STATE', `${job.name ?? displayUrl(job.url)} is already downloaded: its address can no longer change.`);
  }
}
