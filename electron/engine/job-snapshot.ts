import { join } from 'node:path';
import type { JobSnapshot, JobStatus, JobWait, StageProgress, StopRequest } from '../../shared/models/job';
import type { FetchProgress } from './fetcher';
import type { JobRecord } from './store/job-store';

/** What clients see of a job: the record plus live progress while it runs. */
function phaseOf(status: JobStatus): JobSnapshot['phase'] {
  if (status === 'verifying') return 'verify';
  if (status === 'extracting') return 'extract';
  if (status === 'completed' || status === 'failed' || status === 'cancelled') return null;
  return 'download';
}

export function toSnapshot(
  job: JobRecord,
  live: FetchProgress | null,
  recorded: number,
  stage: StageProgress | null = null,
  stopping: StopRequest | null = null,
  waiting: JobWait | null = null,
): JobSnapshot {
  const received = live?.received ?? recorded;
  const total = live?.total ?? job.total;
  const speed = live?.speed ?? 0;
  const eta = speed > 0 && total !== null ? Math.max(0, (total - received) / speed) : null;
  return {
    id: job.id,
    url: job.url,
    finalUrl: job.finalUrl,
    dir: job.dir,
    name: job.name,
    requestedName: job.requestedName,
    path: job.name ? join(job.dir, job.name) : null,
    status: job.status,
    position: job.position,
    total,
    received,
    speed,
    eta,
    activeConnections: live?.activeConnections ?? 0,
    segments: live?.segments ?? [],
    resumable: job.acceptRanges === true,
    error: job.error,
    note: job.note,
    retry: live?.retry ?? null,
    stopping,
    waiting,
    phase: phaseOf(job.status),
    stage: stage ?? live?.stage ?? null,
    checksum: job.checksum,
    extractedTo: job.extractedTo,
    options: job.options,
    createdAt: job.createdAt,
    completedAt: job.completedAt,
  };
}
