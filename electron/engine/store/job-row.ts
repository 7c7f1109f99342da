// The jobs table's row shape and its conversion to and from JobRecord. SQLite has no booleans
// and no objects: acceptRanges is 0/1/NULL, options, error and note are JSON text (a note of an
// older version is plain text, read as it was).
import { HaulError, type ErrorInfo } from '../../../shared/errors';
import { JOB_STATUSES, type ChecksumResult, type JobOptions, type JobStatus } from '../../../shared/models/job';
import { parseNote } from '../../../shared/models/job-note';
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
  note: ['note', jsonOrNull],
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

/** A row read as an array (better-sqlite3's raw mode): the values in JOB_COLUMNS order. */
export type JobValues = readonly ColumnValue[];

/** Where each column is in JobValues. */
const AT = Object.fromEntries(JOB_COLUMNS.map((column, i) => [column, i])) as Record<(typeof JOB_COLUMNS)[number], number>;

export function fromJobRow(row: JobRow): JobRecord {
  return fromJobValues(JOB_COLUMNS.map((column) => row[column]));
}

/**
 * The record of a row read as an array: 100,000 rows at start-up cost ~40% less than as objects.
 * `shared` may return one string for equal values of the columns that repeat from row to row
 * (the folder, Last-Modified), so 100,000 records do not hold 100,000 copies.
 */
export function fromJobValues(v: JobValues, shared: (value: string) => string = (s) => s): JobRecord {
  const id = v[AT.id] as string;
  const acceptRanges = v[AT.accept_ranges] as number | null;
  const error = v[AT.error] as string | null;
  const checksum = v[AT.checksum] as string | null;
  const lastModified = v[AT.last_modified] as string | null;
  const placed = v[AT.placed_file] as string | null;
  return {
    id,
    url: v[AT.url] as string,
    finalUrl: v[AT.final_url] as string | null,
    dir: shared(v[AT.dir] as string),
    requestedName: v[AT.requested_name] as string | null,
    name: v[AT.name] as string | null,
    status: parseStatus(id, v[AT.status] as string),
    position: v[AT.position] as number,
    total: v[AT.total] as number | null,
    etag: v[AT.etag] as string | null,
    lastModified: lastModified === null ? null : shared(lastModified),
    acceptRanges: acceptRanges === null ? null : acceptRanges !== 0,
    options: parseJson<JobOptions>(id, 'options', v[AT.options] as string),
    error: error === null ? null : parseJson<ErrorInfo>(id, 'error', error),
    note: parseNote(v[AT.note] as string | null),
    checksum: checksum === null ? null : parseJson<ChecksumResult>(id, 'checksum', checksum),
    extractedTo: v[AT.extracted_to] as string | null,
    placedFile: placed === null ? null : parseJson<PlacedFile>(id, 'placed_file', placed),
    createdAt: v[AT.created_at] as number,
    updatedAt: v[AT.updated_at] as number,
    completedAt: v[AT.completed_at] as number | null,
  };
}

function parseStatus(id: string, value: string): JobStatus {
  const status = JOB_STATUSES.find((s) => s === value);
  if (status === undefined) {
    throw new HaulError('HAUL_E_INTERNAL', `Job ${id} has an unknown status in the database: ${value}`);
  }
  return status;
}

function parseJson<T>(id: string, column: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new HaulError('HAUL_E_INTERNAL', `Job ${id} has unreadable ${column} in the database`, { cause: err });
  }
}
