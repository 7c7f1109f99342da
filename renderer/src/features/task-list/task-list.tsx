// The task list: a virtualized grid of every shown download, the screen people look at all day.
// VirtualRows draws the rows in view; each selects its own row from the store.
import * as ContextMenu from '@radix-ui/react-context-menu';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnId, Prefs, PrefsPatch } from '../../../../shared/models/prefs';
import { DEFAULT_PREFS } from '../../../../shared/models/prefs';
import { canOpen, useApp, useAppStore } from '../../store';
import { commandKey, isTextEntry } from '../../ui/keys';
import { ChangeAddressDialog } from './change-address-dialog';
import { COLUMN_SPECS, gridTemplate, minRowWidth, nextSort, resizeColumn, toggleColumn, visibleColumns, type LaidColumn } from './columns';
import { EmptyState } from './empty-state';
import { ListActionsContext, type ListActions } from './list-actions';
import { ListHeader } from './list-header';
import { JobEditDialog, type JobEdit } from './job-edit-dialog';
import { RowMenu } from './row-menu';
import { clickRow, keepShown, selectAll } from './selection';
import { handleListKey } from './use-list-keys';
import { createVisibleIds } from './visible-ids';
import { RowIconSymbols } from './row-icons';
import { VirtualRows, type VirtualRowsHandle } from './virtual-rows';
import './task-list.css';

const ROW_HEIGHT: Record<Prefs['density'], number> = { comfortable: 40, compact: 28 };
/** The sticky header's height (task-list.css --header-height): rows start below it. */
const HEADER_HEIGHT: Record<Prefs['density'], number> = { comfortable: 32, compact: 28 };

/** The bar's width in a progress column: less the cell's padding (24), the gap (10) and the percentage (42); task-list.css. */
const barWidth = (column: number): number => Math.max(0, column - 24 - 10 - 42);

function useVisibleIds(): readonly string[] {
  const visible = useMemo(createVisibleIds, []);
  return useApp((s) => visible(s.list, { filter: s.filter, search: s.search, sort: s.prefs.sort }));
}

export function TaskList() {
  const { t } = useTranslation('taskList');
  const store = useAppStore();
  const ids = useVisibleIds();
  const anyJobs = useApp((s) => s.list.order.length > 0);
  const prefsColumns = useApp((s) => s.prefs.columns);
  const sort = useApp((s) => s.prefs.sort);
  const density = useApp((s) => s.prefs.density);
  const [draft, setDraft] = useState<{ id: ColumnId; width: number } | null>(null);
  const [changing, setChanging] = useState<string | null>(null);
  const [editing, setEditing] = useState<JobEdit | null>(null);
  const [viewport, setViewport] = useState(0);
  const [landmark, setLandmark] = useState<HTMLElement | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useRef<VirtualRowsHandle>(null);
  const rowHeight = ROW_HEIGHT[density];
  const idsRef = useRef(ids);
  idsRef.current = ids;
  const headerHeight = HEADER_HEIGHT[density];

  const columns: LaidColumn[] = useMemo(() => {
    const shown = visibleColumns(prefsColumns);
    return draft ? shown.map((c) => (c.id === draft.id ? { ...c, width: draft.width } : c)) : shown;
  }, [prefsColumns, draft]);
  const columnIds = useMemo(() => columns.map((c) => c.id), [columns]);
  const fixed = columns.reduce((sum, c) => (c.id === 'name' ? sum : sum + c.width), 0);
  const nameWidth = Math.max(columns.find((c) => c.id === 'name')?.width ?? 0, viewport - fixed);
  const progressWidth = barWidth(columns.find((c) => c.id === 'progress')?.width ?? 0);
  // In the markup, not set by an effect: the server's first screen has the columns too.
  const gridStyle = useMemo(() => ({ '--list-columns': gridTemplate(columns), '--list-min-width': `${minRowWidth(columns)}px` }) as CSSProperties, [columns]);

  // Selection keeps only rows still shown (a filter changed, rows went away).
  useEffect(() => {
    const s = store.getState();
    const next = keepShown(s, new Set(ids));
    if (next !== s) store.setState(next);
  }, [ids, store]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    setLandmark(el.closest<HTMLElement>('main') ?? el.parentElement);
    const ro = new ResizeObserver(([entry]) => setViewport(Math.floor(entry!.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [anyJobs]);

  // Ctrl/Cmd+A anywhere but a text field or a dialog selects the downloads, not the page's text.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!commandKey(e) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'a' || isTextEntry(e.target)) return;
      const s = store.getState();
      if (s.addDialog.open || s.removing !== null || s.settingsOpen || changing !== null || e.defaultPrevented) return;
      if ((e.target as HTMLElement | null)?.closest?.('[role="dialog"], [role="grid"]')) return; // the grid handles its own
      e.preventDefault();
      store.setState(selectAll(s, idsRef.current));
      scrollRef.current?.focus({ preventScroll: true });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, changing]);

  const savePrefs = useCallback(
    (patch: PrefsPatch) => {
      // Shown at once; the engine's prefs.changed confirms it.
      store.setState((s) => ({ prefs: { ...s.prefs, ...patch } }));
      void store.run('prefs.set', patch);
    },
    [store],
  );

  const openDetails = useCallback(
    (id: string) => {
      store.setState((s) => ({ detailsId: id, detail: s.detailsId === id ? s.detail : null }));
      void store.run('jobs.watch', { ids: [id] });
    },
    [store],
  );

  const onPointer = useCallback(
    (e: MouseEvent, id: string, kind: 'click' | 'double') => {
      if (kind === 'double') {
        // On the desktop a finished file opens, as in a file manager; elsewhere the details do.
        const s = store.getState();
        const row = s.list.rows.get(id);
        if (row && canOpen(row) && s.info?.capabilities.openFiles) return void store.run('jobs.open', { id });
        return openDetails(id);
      }
      const s = store.getState();
      store.setState(clickRow(s, idsRef.current, id, { range: e.shiftKey, toggle: commandKey(e) }));
      scrollRef.current?.focus({ preventScroll: true });
    },
    [store, openDetails],
  );

  // Stable handlers: the header is memoized and redraws only when its columns, sort or density change.
  const onSort = useCallback(
    (id: ColumnId) => {
      const key = COLUMN_SPECS[id].sort;
      if (key) savePrefs({ sort: nextSort(store.getState().prefs.sort, key) });
    },
    [store, savePrefs],
  );
  const onResize = useCallback(
    (id: ColumnId, width: number, done: boolean) => {
      if (!done) return setDraft({ id, width });
      setDraft(null);
      savePrefs({ columns: resizeColumn(store.getState().prefs.columns, id, width) });
    },
    [store, savePrefs],
  );
  const onToggle = useCallback((id: ColumnId) => savePrefs({ columns: toggleColumn(store.getState().prefs.columns, id) }), [store, savePrefs]);
  const onDensity = useCallback((compact: boolean) => savePrefs({ density: compact ? 'compact' : 'comfortable' }), [savePrefs]);
  const onReset = useCallback(() => savePrefs({ columns: DEFAULT_PREFS.columns }), [savePrefs]);

  const actions: ListActions = useMemo(
    () => ({
      changeAddress: (id) => setChanging(id),
      retry: (id) => void store.run('jobs.retry', { ids: [id] }),
    }),
    [store],
  );

  const onContextMenu = (e: MouseEvent): void => {
    const target = e.target as HTMLElement;
    if (target.closest('.list-header')) return;
    const rowEl = target.closest<HTMLElement>('[data-row-id]');
    const s = store.getState();
    if (rowEl) {
      store.setState(clickRow(s, ids, rowEl.dataset.rowId!, { range: false, toggle: false }, true));
    } else if (s.selection.size === 0 || target !== e.currentTarget) {
      // Empty space under the rows: nothing to act on.
      e.preventDefault();
    }
  };

  const pageSize = (): number => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);

  if (!anyJobs) return <EmptyState anyJobs={false} />;

  return (
    <ListActionsContext.Provider value={actions}>
      <ContextMenu.Root modal={false}>
        <ContextMenu.Trigger asChild>
          <div
            ref={scrollRef}
            className={`task-list${ids.length === 0 ? ' is-empty' : ''}`}
            role="grid"
            aria-label={t('listLabel')}
            aria-multiselectable
            aria-rowcount={ids.length + 1}
            aria-colcount={columns.length}
            tabIndex={0}
            onKeyDown={(e) => handleListKey(e, { store, ids, pageSize: pageSize(), openDetails, scrollTo: (i) => i >= 0 && rows.current?.scrollToIndex(i) })}
            onContextMenu={onContextMenu}
            style={gridStyle}
          >
            <ListHeader columns={columns} prefsColumns={prefsColumns} sort={sort} density={density} onSort={onSort} onResize={onResize} onToggle={onToggle} onDensity={onDensity} onReset={onReset} container={landmark} />
            {ids.length > 0 && (
              <VirtualRows handle={rows} scrollRef={scrollRef} ids={ids} rowHeight={rowHeight} headerHeight={headerHeight} columns={columnIds} nameWidth={nameWidth} progressWidth={progressWidth} onPointer={onPointer} />
            )}
          </div>
        </ContextMenu.Trigger>
        {/* Beside the grid, not in it: a grid holds rows only. */}
        <RowIconSymbols />
        {ids.length === 0 && <EmptyState anyJobs />}
        <RowMenu container={landmark} onChangeAddress={setChanging} onDetails={openDetails} onEdit={setEditing} />
      </ContextMenu.Root>
      <ChangeAddressDialog id={changing} onClose={() => setChanging(null)} />
      <JobEditDialog edit={editing} onClose={() => setEditing(null)} />
    </ListActionsContext.Provider>
  );
}
