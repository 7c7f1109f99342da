import type { JobPatch, JobRecord } from './job-store';

/** Keys present in the patch win, including explicit nulls; undefined means "leave as is". */
export function applyPatch(job: JobRecord, patch: JobPatch): JobRecord {
  const next: JobRecord = { ...job };
  for (const [key, value] of Object.entries(patch)) {
    // id and createdAt are excluded by the type; guard against casts too.
    if (value !== undefined && key !== 'id' && key !== 'createdAt') {
      Object.assign(next, { [key]: value });
    }
  }
  return next;
}
