// The task list's columns from the prefs: which show, in which order, how wide, and the CSS grid
// template rows and header share. Changes come back as the prefs' `columns` to save.
import type { SortKey } from '../../../../shared/models/job-row';
import { COLUMN_IDS, type ColumnId, type Prefs } from '../../../../shared/models/prefs';

type ColumnPrefs = Prefs['columns'];

export interface ColumnSpec {
  id: ColumnId;
  /** Default width, px. */
  width: number;
  /** Narrowest a drag can make it, px. */
  min: number;
  /** The sort key a click on its header sorts by; null: not sortable. */
  sort: SortKey | null;
  /** Numbers, right-aligned. */
  numeric: boolean;
}

// The default columns fit a 1280 px window beside the sidebar, the status with its hint.
export const COLUMN_SPECS: Record<ColumnId, ColumnSpec> = {
  name: { id: 'name', width: 280, min: 140, sort: 'name', numeric: false },
  size: { id: 'size', width: 140, min: 70, sort: 'size', numeric: true },
  progress: { id: 'progress', width: 220, min: 100, sort: 'progress', numeric: false },
  speed: { id: 'speed', width: 96, min: 64, sort: 'speed', numeric: true },
  eta: { id: 'eta', width: 92, min: 52, sort: 'eta', numeric: true },
  connections: { id: 'connections', width: 64, min: 40, sort: null, numeric: true },
  status: { id: 'status', width: 230, min: 100, sort: 'status', numeric: false },
  added: { id: 'added', width: 130, min: 80, sort: 'added', numeric: false },
  completed: { id: 'completed', width: 130, min: 80, sort: 'completed', numeric: false },
  folder: { id: 'folder', width: 180, min: 80, sort: null, numeric: false },
};

export const MAX_WIDTH = 2000;

export interface LaidColumn {
  id: ColumnId;
  width: number;
  hidden: boolean;
}

/**
 * Every column once: those the prefs list in their order, with any they leave out hidden beside
 * its natural neighbour. The name is always shown: without it a row says nothing.
 */
export function columnLayout(prefs: ColumnPrefs): LaidColumn[] {
  const seen = new Set<ColumnId>();
  const out: LaidColumn[] = [];
  for (const c of prefs) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out.push({ id: c.id, width: clampWidth(c.id, c.width ?? COLUMN_SPECS[c.id].width), hidden: c.id !== 'name' && c.hidden === true });
  }
  // A column the prefs leave out goes after its natural neighbour (Connections after Time left),
  // so showing it later puts it where people look for it, not at the far end.
  COLUMN_IDS.forEach((id, i) => {
    if (seen.has(id)) return;
    const before = COLUMN_IDS.slice(0, i).reverse().find((prev) => out.some((c) => c.id === prev));
    const at = before === undefined ? 0 : out.findIndex((c) => c.id === before) + 1;
    out.splice(at, 0, { id, width: COLUMN_SPECS[id].width, hidden: true });
  });
  return out;
}

export function visibleColumns(prefs: ColumnPrefs): LaidColumn[] {
  return columnLayout(prefs).filter((c) => !c.hidden);
}

export function clampWidth(id: ColumnId, width: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(COLUMN_SPECS[id].min, width)));
}

/** The grid template: fixed widths, the name column taking what is left (never less than its width). */
export function gridTemplate(columns: readonly LaidColumn[]): string {
  return columns.map((c) => (c.id === 'name' ? `minmax(${c.width}px, 1fr)` : `${c.width}px`)).join(' ');
}

/** The least the row needs: the list scrolls sideways below it. */
export function minRowWidth(columns: readonly LaidColumn[]): number {
  return columns.reduce((sum, c) => sum + c.width, 0);
}

/** Widths are kept only where the user changed them, so a better default reaches everyone else. */
function toPrefs(columns: readonly LaidColumn[]): ColumnPrefs {
  return columns.map((c) => ({ id: c.id, ...(c.width !== COLUMN_SPECS[c.id].width && { width: c.width }), ...(c.hidden && { hidden: true }) }));
}

export function toggleColumn(prefs: ColumnPrefs, id: ColumnId): ColumnPrefs {
  if (id === 'name') return toPrefs(columnLayout(prefs));
  return toPrefs(columnLayout(prefs).map((c) => (c.id === id ? { ...c, hidden: !c.hidden } : c)));
}

export function resizeColumn(prefs: ColumnPrefs, id: ColumnId, width: number): ColumnPrefs {
  return toPrefs(columnLayout(prefs).map((c) => (c.id === id ? { ...c, width: clampWidth(id, width) } : c)));
}

/** Header clicks go ascending, then descending, then back to the queue's order. Sizes and dates start with the largest. */
export function nextSort(current: Prefs['sort'], key: SortKey): Prefs['sort'] {
  const first: 'asc' | 'desc' = key === 'name' || key === 'status' || key === 'eta' ? 'asc' : 'desc';
  if (current.key !== key) return { key, dir: first };
  if (current.dir === first) return { key, dir: first === 'asc' ? 'desc' : 'asc' };
  return { key: 'queue', dir: 'asc' };
}
