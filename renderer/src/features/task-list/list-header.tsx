// The column headers: a click sorts (ascending, descending, back to the queue's order), the edge
// drags to resize, a right-click shows and hides columns and switches density.
import * as ContextMenu from '@radix-ui/react-context-menu';
import { ArrowDown, ArrowUp, Check } from 'lucide-react';
import { memo, useRef, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnId, Prefs } from '../../../../shared/models/prefs';
import '../../ui/menu.css';
import { clampWidth, columnLayout, COLUMN_SPECS, type LaidColumn } from './columns';

export interface ListHeaderProps {
  columns: readonly LaidColumn[];
  prefsColumns: Prefs['columns'];
  sort: Prefs['sort'];
  density: Prefs['density'];
  onSort(column: ColumnId): void;
  onResize(column: ColumnId, width: number, done: boolean): void;
  onToggle(column: ColumnId): void;
  onDensity(compact: boolean): void;
  onReset(): void;
  /** Where the column menu is put (inside the main landmark). */
  container: HTMLElement | null;
}

export const ListHeader = memo(function ListHeader({ columns, prefsColumns, sort, density, onSort, onResize, onToggle, onDensity, onReset, container }: ListHeaderProps) {
  const { t } = useTranslation('taskList');
  const all = columnLayout(prefsColumns);
  return (
    <ContextMenu.Root modal={false}>
      <ContextMenu.Trigger asChild>
        <div role="rowgroup" className="list-header">
          <div role="row" aria-rowindex={1} className="list-header-row">
            {columns.map((c) => (
              <HeaderCell key={c.id} column={c} sort={sort} onSort={onSort} onResize={onResize} label={t(`column.${c.id}`)} />
            ))}
          </div>
        </div>
      </ContextMenu.Trigger>
      <ContextMenu.Portal container={container}>
        <ContextMenu.Content className="menu" aria-label={t('columnsMenu.label')}>
          <ContextMenu.Label className="menu-label">{t('columnsMenu.label')}</ContextMenu.Label>
          {all.map((c) => (
            <ContextMenu.CheckboxItem key={c.id} className="menu-item" checked={!c.hidden} disabled={c.id === 'name'} onCheckedChange={() => onToggle(c.id)} onSelect={(e) => e.preventDefault()}>
              <span className="menu-check">
                <ContextMenu.ItemIndicator>
                  <Check size={14} aria-hidden />
                </ContextMenu.ItemIndicator>
              </span>
              {c.id === 'connections' ? t('columnFull.connections') : t(`column.${c.id}`)}
            </ContextMenu.CheckboxItem>
          ))}
          <ContextMenu.Separator className="menu-separator" />
          <ContextMenu.CheckboxItem className="menu-item" checked={density === 'compact'} onCheckedChange={(v) => onDensity(v)}>
            <span className="menu-check">
              <ContextMenu.ItemIndicator>
                <Check size={14} aria-hidden />
              </ContextMenu.ItemIndicator>
            </span>
            {t('columnsMenu.compact')}
          </ContextMenu.CheckboxItem>
          <ContextMenu.Item className="menu-item" onSelect={onReset}>
            <span className="menu-check" />
            {t('columnsMenu.reset')}
          </ContextMenu.Item>
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
});

function HeaderCell({ column, sort, label, onSort, onResize }: { column: LaidColumn; sort: Prefs['sort']; label: string; onSort(c: ColumnId): void; onResize(c: ColumnId, w: number, done: boolean): void }) {
  const spec = COLUMN_SPECS[column.id];
  const sorted = spec.sort !== null && sort.key === spec.sort ? sort.dir : null;
  const drag = useRef<{ x: number; width: number; last: number } | null>(null);

  const down = (e: PointerEvent<HTMLDivElement>): void => {
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width: column.width, last: column.width };
  };
  const move = (e: PointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    if (!d) return;
    const w = clampWidth(column.id, d.width + e.clientX - d.x);
    if (w !== d.last) {
      d.last = w;
      onResize(column.id, w, false);
    }
  };
  const up = (): void => {
    const d = drag.current;
    drag.current = null;
    if (d) onResize(column.id, d.last, true);
  };

  return (
    <div
      role="columnheader"
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
      className={`list-col list-col-${column.id}${spec.numeric ? ' is-numeric' : ''}`}
    >
      {spec.sort ? (
        <button type="button" className={`list-col-sort${sorted ? ' is-sorted' : ''}`} onClick={() => onSort(column.id)}>
          <span className="list-col-label">{label}</span>
          {sorted === 'asc' && <ArrowUp size={12} strokeWidth={2.5} aria-hidden />}
          {sorted === 'desc' && <ArrowDown size={12} strokeWidth={2.5} aria-hidden />}
        </button>
      ) : (
        <span className="list-col-label list-col-static">{label}</span>
      )}
      {/* A pointer's affordance only: as a named control it would join every header's name ("Size Resize…"). */}
      <div className="list-col-resize" aria-hidden onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up} onDoubleClick={() => onResize(column.id, spec.width, true)} onClick={(e) => e.stopPropagation()} />
    </div>
  );
}
