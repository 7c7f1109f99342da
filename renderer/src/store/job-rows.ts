// The client's copy of the task list: rows by id plus the queue order, brought up to date by
// `jobs.changed` events. Pure functions, so the store (and its tests) stay simple. An update
// makes a new object only for the rows it changed: a row component that selects its own row
// repaints only when that row changed.
import type { EventMap, JobList } from '../../../shared/api/contract';
import type { JobRow } from '../../../shared/models/job-row';

export interface RowsState {
  rows: ReadonlyMap<string, JobRow>;
  /** Every id in queue order. */
  order: readonly string[];
  /** The last event applied (or the list's seq). */
  seq: number;
}

export const EMPTY_ROWS: RowsState = { rows: new Map(), order: [], seq: 0 };

export function fromList(list: JobList): RowsState {
  const rows = new Map(list.rows.map((r) => [r.id, r]));
  const order = [...list.rows].sort((a, b) => a.position - b.position).map((r) => r.id);
  return { rows, order, seq: list.seq };
}

export type ApplyResult = { kind: 'applied'; state: RowsState } | { kind: 'stale' } | { kind: 'gap' };

/**
 * Applies one event. An event the list already includes is stale; one after a missing event is a
 * gap, and the client must list again (it missed changes it cannot rebuild). A merged event
 * (`since`: a slow client's held events in one) applies when it covers the next seq: the changes
 * it repeats are the latest values, so applying them again changes nothing.
 */
export function applyChanged(state: RowsState, event: EventMap['jobs.changed']): ApplyResult {
  if (event.seq <= state.seq) return { kind: 'stale' };
  if ((event.since ?? event.seq) > state.seq + 1) return { kind: 'gap' };
  const rows = new Map(state.rows);
  let reorder = false;
  for (const patch of event.rows) {
    const prev = rows.get(patch.id);
    if (!prev) {
      // A row never seen comes whole; a patch for an unknown row means the client is behind.
      if (!isWholeRow(patch)) return { kind: 'gap' };
      rows.set(patch.id, patch);
      reorder = true;
    } else {
      rows.set(patch.id, { ...prev, ...patch });
      if (patch.position !== undefined && patch.position !== prev.position) reorder = true;
    }
  }
  for (const id of event.removed) rows.delete(id);
  let order = state.order;
  if (event.removed.length > 0) {
    const gone = new Set(event.removed);
    order = order.filter((id) => !gone.has(id));
  }
  if (reorder) order = [...rows.values()].sort((a, b) => a.position - b.position).map((r) => r.id);
  return { kind: 'applied', state: { rows, order, seq: event.seq } };
}

function isWholeRow(patch: Partial<JobRow>): patch is JobRow {
  return patch.url !== undefined && patch.status !== undefined && patch.position !== undefined;
}
