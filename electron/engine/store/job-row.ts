// The jobs table's row shape and its conversion to and from JobRecord. SQLite has no booleans
// and no objects: acceptRanges is 0/1/NULL, options and error are JSON text.
import { HaulError, type ErrorInfo } from '../../../shared/errors';
import { JOB_STATUSES, type ChecksumResult, type JobOptions, type JobStatus } from '../../../shared/models/job';
import type { JobRecord, PlacedFile } from './job-store';

export interface JobRow {
  id: string;
  url: string;
  final_url: string | null;
  dir: string;
  requested_name: string | null;
  name: string | null;
  status: string;
  position: number;
  total: number | null;
  etag: string | null;
  last_modified: string | null;
  accept_ranges: number | null;
  options: string;
  error: string | null;
  note: string | null;
  checksum: string | null;
  extracted_to: string | null;
  placed_file: string | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

export const JOB_COLUMNS = [
  'id', 'url', 'final_url', 'dir', 'requested_name', 'name', 'status', 'position', 'total', 'etag',
  'last_modified', 'accept_ranges', 'options', 'error', 'note', 'checksum', 'extracted_to', 'placed_file', 'created_at',
  'updated_at', 'completed_at',
] as const satisfies readonly (keyof JobRow)[];

type Field = Exclude<keyof JobRecord, 'id'>;
type ColumnValue = string | number | null;

/** Each record field's column and how it is stored. */
const FIELDS: { [K in Field]: [column: keyof JobRow, encode?: (value: JobRecord[K]) => ColumnValue] } = {
  url: ['url'],
  finalUrl: ['final_url'],
  dir: ['dir'],
  requestedName: ['requested_name'],
  name: ['name'],
  status: ['status'],
  position: ['position'],
  total: ['total'],
  etag: ['etag'],
  lastModified: ['last_modified'],
  acceptRanges: ['accept_ranges', (v) => (v === null ? null : v ? 1 : 0)],
  options: ['options', (v) => JSON.stringify(v)],
  error: ['error', jsonOrNull],
  note: ['note'],
  checksum: ['checksum', jsonOrNull],
  extractedTo: ['extracted_to'],
  placedFile: ['placed_file', jsonOrNull],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  completedAt: ['completed_at'],
};

function jsonOrNull(value: object | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

/** The column a record field is stored in, or undefined for keys that are not fields. */
export function columnOf(field: string): keyof JobRow | undefined {
  return field !== 'id' && Object.hasOwn(FIELDS, field) ? FIELDS[field as Field][0] : undefined;
}

/** A field's value as stored in its column. */
export function encodeField<K extends Field>(field: K, value: JobRecord[K]): ColumnValue {
  const encode = FIELDS[field][1] as ((v: JobRecord[K]) => ColumnValue) | undefined;
  return encode ? encode(value) : (value as ColumnValue);
}

export function toJobRow(job: JobRecord): JobRow {
  const row: Record<string, ColumnValue> = { id: job.id };
  for (const field of Object.keys(FIELDS) as Field[]) row[FIELDS[field][0]] = encodeField(field, job[field]);
  return row as unknown as JobRow;
}

export function fromJobRow(row: JobRow): JobRecord {
  return {
    id: row.id,
    url: row.url,
    finalUrl: row.final_url,
    dir: row.dir,
    requestedName: row.requested_name,
    name: row.name,
    status: parseStatus(row),
    position: row.position,
    total: row.total,
    etag: row.etag,
    lastModified: row.last_modified,
    acceptRanges: row.accept_ranges === null ? null : row.accept_ranges !== 0,
    options: parseJson<JobOptions>(row, 'options', row.options),
    error: row.error === null ? null : parseJson<ErrorInfo>(row, 'error', row.error),
    note: row.note,
    checksum: row.checksum === null ? null : parseJson<ChecksumResult>(row, 'checksum', row.checksum),
    extractedTo: row.extracted_to,
    placedFile: row.placed_file === null ? null : parseJson<PlacedFile>(row, 'placed_file', row.placed_file),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

function parseStatus(row: JobRow): JobStatus {
  const status = JOB_STATUSES.find((s) => s === row.status);
  if (status === undefined) {
    throw new HaulError('HAUL_E_INTERNAL', `Job ${row.id} has an unknown status in the database: ${row.status}`);
  }
  return status;
}

function parseJson<T>(row: JobRow, column: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new HaulError('HAUL_E_INTERNAL', `Job ${row.id} has unreadable ${column} in the database`, { cause: err });
  }
}
