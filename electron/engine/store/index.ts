export type { JobPatch, JobRecord, JobStore, ProgressEntry, SegmentRecord } from './job-store';
export { createMemoryJobStore } from './memory-job-store';
export { openSqliteJobStore, type SqliteJobStore, type SqliteJobStoreOptions } from './sqlite-job-store';
