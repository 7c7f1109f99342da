// `haul list`: the downloads in a database as it was last saved, without starting anything. It
// reads beside a running `haul get` (no lock is taken), so it also shows how far that one got.
import { noteText } from '../../shared/models/job-note';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { displayUrl, formatBytes, formatPercent } from '../../shared/format';
import { databasePath } from '../engine/paths';
import { openSqliteJobStore } from '../engine/store';
import type { JobRecord, JobStore } from '../engine/store/job-store';
import { parseCommandLine } from './usage-error';

/** How much of an id the table shows (haul remove takes that, or any prefix of 4 or more). */
export const SHORT_ID = 8;

export interface ListOptions {
  db: string | null;
  json: boolean;
}

export const LIST_USAGE = `Usage: haul list [--db <path>] [--json]

  Shows the downloads in the database (as last saved): status, progress, size, name, and why a
  failed one failed. Nothing is started or changed.

      --db <path>           state database (default: haul.db under HAUL_HOME or the user data dir)
      --json                one JSON object per download instead of a table
  -h, --help                show this help
`;

export function parseList(args: string[]): { kind: 'list'; options: ListOptions } | { kind: 'help'; text: string } {
  const { values } = parseCommandLine({ args, strict: true, options: { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return { kind: 'help', text: LIST_USAGE };
  return { kind: 'list', options: { db: values.db ?? null, json: values.json ?? false } };
}

interface Row {
  job: JobRecord;
  received: number;
}

export function runList(opts: ListOptions, write: (s: string) => void): number {
  const file = opts.db ?? databasePath();
  // Listing never creates a database.
  if (!existsSync(file)) {
    if (!opts.json) write(`No downloads yet (no database at ${file}).\n`);
    return 0;
  }
  const store = openSqliteJobStore(file);
  let rows: Row[];
  try {
    rows = readRows(store);
  } finally {
    store.close();
  }
  if (opts.json) {
    for (const r of rows) write(`${JSON.stringify(jsonRow(r))}\n`);
  } else {
    write(table(rows));
  }
  return 0;
}

function readRows(store: JobStore): Row[] {
  const recorded = store.loadRecordedBytes();
  return store
    .listJobs()
    .map((job) => ({ job, received: job.completedAt !== null ? job.total ?? 0 : recorded.get(job.id) ?? 0 }));
}

function jsonRow({ job, received }: Row): object {
  return {
    id: job.id,
    url: displayUrl(job.url),
    path: job.name ? join(job.dir, job.name) : null,
    status: job.status,
    received,
    total: job.total,
    error: job.error,
    note: job.note && noteText(job.note),
    createdAt: job.createdAt,
    completedAt: job.completedAt,
  };
}

function table(rows: Row[]): string {
  if (rows.length === 0) return 'No downloads.\n';
  const lines = [['ID', 'STATUS', 'DONE', 'SIZE', 'NAME']];
  const notes: (string | null)[] = [null];
  for (const { job, received } of rows) {
    const size = job.total !== null ? formatBytes(job.total) : received > 0 ? formatBytes(received) : '—';
    lines.push([job.id.slice(0, SHORT_ID), job.status, formatPercent(received, job.total), size, job.name ?? displayUrl(job.url)]);
    notes.push(job.status === 'failed' || job.status === 'paused' ? job.error?.message ?? null : null);
  }
  const widths = [0, 1, 2, 3].map((c) => Math.max(...lines.map((l) => l[c]!.length)));
  const out = lines.map((l, i) => {
    const row = `${l[0]!.padEnd(widths[0]!)}  ${l[1]!.padEnd(widths[1]!)}  ${l[2]!.padStart(widths[2]!)}  ${l[3]!.padStart(widths[3]!)}  ${l[4]}\n`;
    const note = notes[i];
    return note ? `${row}${' '.repeat(widths[0]! + widths[1]! + 4)}${note}\n` : row;
  });
  const counts = new Map<string, number>();
  for (const { job } of rows) counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  return `${out.join('')}${rows.length} download${rows.length === 1 ? '' : 's'}: ${summary}\n`;
}
