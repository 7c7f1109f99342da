// The task list's filter, search and sort over compact rows: jobs.list runs it on the server and
// the renderer on its own copy, so both agree. Pure: it is handed the rows in
// queue order.
import type { JobStatus } from './models/job';
import { filterOf, type JobRow, type SortKey, type StatusFilter } from './models/job-row';

export interface JobQuery {
  filter: StatusFilter;
  /** Case-insensitive, in the name or the address. */
  search: string;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

/** Rows in the order people read statuses: what moves first, what is finished last. */
const STATUS_ORDER: Record<JobStatus, number> = { active: 0, verifying: 1, extracting: 2, queued: 3, paused: 4, failed: 5, cancelled: 6, completed: 7 };

export function queryRows(rows: readonly JobRow[], q: JobQuery): { rows: JobRow[]; total: number } {
  const needle = q.search.trim().toLowerCase();
  let out = rows.filter((r) => (q.filter === 'all' || filterOf(r.status) === q.filter) && (!needle || matches(r, needle)));
  if (q.sort.key !== 'queue' || q.sort.dir === 'desc') {
    const by = comparator(q.sort.key, q.sort.dir === 'asc' ? 1 : -1);
    // Ties keep queue order, whichever way the sort goes.
    out = out.map((r, i) => ({ r, i })).sort((a, b) => by(a.r, b.r) || a.i - b.i).map(({ r }) => r);
  }
  return { rows: out.slice(q.offset, q.offset + q.limit), total: out.length };
}

function matches(r: JobRow, needle: string): boolean {
  return (r.name?.toLowerCase().includes(needle) ?? false) || r.url.toLowerCase().includes(needle);
}

type Compare = (a: JobRow, b: JobRow) => number;

/** Unknown values (no size yet, no ETA) sort after known ones in both directions: only known
 *  values follow the sign. */
function nullsLast(get: (r: JobRow) => number | null, sign: 1 | -1): Compare {
  return (a, b) => {
    const [x, y] = [get(a), get(b)];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y);
  };
}

function comparator(key: SortKey, sign: 1 | -1): Compare {
  const known = knownComparator(key);
  if (known) return (a, b) => sign * known(a, b);
  switch (key) {
    case 'size':
      return nullsLast((r) => r.total, sign);
    case 'progress':
      return nullsLast((r) => (r.total ? r.received / r.total : r.status === 'completed' ? 1 : null), sign);
    case 'eta':
      return nullsLast((r) => r.eta, sign);
    default:
      return nullsLast((r) => r.completedAt, sign);
  }
}

/** Keys every row has a value for; null for the keys that can be unknown. */
function knownComparator(key: SortKey): Compare | null {
  switch (key) {
    case 'queue':
      return (a, b) => a.position - b.position;
    case 'name':
      return (a, b) => (a.name ?? a.url).localeCompare(b.name ?? b.url, undefined, { numeric: true, sensitivity: 'base' });
    case 'speed':
      return (a, b) => a.speed - b.speed;
    case 'status':
      return (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    case 'added':
      return (a, b) => a.createdAt - b.createdAt;
    default:
      return null;
  }
}
