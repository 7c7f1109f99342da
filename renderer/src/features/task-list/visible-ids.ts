// The ids the list shows: the store's rows through the shared filter, search and sort. A progress
// tick changes most rows ten times a second; it re-sorts only when a field that decides who is
// shown or where (status, name, address, the sort key's value) changed, and otherwise hands back
// the very same array, so nothing downstream repaints.
import { queryRows, type JobQuery } from '../../../../shared/job-query';
import type { JobRow, SortKey } from '../../../../shared/models/job-row';
import type { RowsState } from '../../store';

export type ListQuery = Pick<JobQuery, 'filter' | 'search' | 'sort'>;

/** The fields a sort key reads (besides status, name and address, which filter and search read). */
function sortFields(key: SortKey): readonly (keyof JobRow)[] {
  switch (key) {
    case 'size':
      return ['total'];
    case 'progress':
      return ['received', 'total'];
    case 'speed':
      return ['speed'];
    case 'eta':
      return ['eta'];
    case 'completed':
      return ['completedAt'];
    default:
      // queue (the order array says it), name, status, added (never changes)
      return [];
  }
}

const ALWAYS: readonly (keyof JobRow)[] = ['status', 'name', 'url'];

function samePlace(a: JobRow, b: JobRow, fields: readonly (keyof JobRow)[]): boolean {
  for (const f of ALWAYS) if (a[f] !== b[f]) return false;
  for (const f of fields) if (a[f] !== b[f]) return false;
  return true;
}

/** A memo for one list: call it with each new state; it answers the same array while nothing moved. */
export function createVisibleIds(): (list: RowsState, query: ListQuery) => readonly string[] {
  let last: { list: RowsState; query: ListQuery; ids: readonly string[] } | null = null;
  return (list, query) => {
    if (last && last.list === list && sameQuery(last.query, query)) return last.ids;
    if (last && last.list.order === list.order && sameQuery(last.query, query) && unmoved(last.list.rows, list.rows, sortFields(query.sort.key))) {
      last = { ...last, list };
      return last.ids;
    }
    const rows: JobRow[] = [];
    for (const id of list.order) {
      const r = list.rows.get(id);
      if (r) rows.push(r);
    }
    const ids = queryRows(rows, { ...query, offset: 0, limit: rows.length }).rows.map((r) => r.id);
    // Same ids in the same order (a tick that moved nothing past another): keep the old array.
    const kept = last && sameIds(last.ids, ids) ? last.ids : ids;
    last = { list, query, ids: kept };
    return kept;
  };
}

function sameQuery(a: ListQuery, b: ListQuery): boolean {
  return a.filter === b.filter && a.search === b.search && a.sort.key === b.sort.key && a.sort.dir === b.sort.dir;
}

/** Rows are replaced only when they change, so comparing references finds the changed ones. */
function unmoved(before: ReadonlyMap<string, JobRow>, after: ReadonlyMap<string, JobRow>, fields: readonly (keyof JobRow)[]): boolean {
  if (before.size !== after.size) return false;
  for (const [id, r] of after) {
    const prev = before.get(id);
    if (prev === r) continue;
    if (!prev || !samePlace(prev, r, fields)) return false;
  }
  return true;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
