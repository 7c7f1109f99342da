// One row of the list. It selects only its own row (and whether it is selected or focused), so a
// progress tick repaints the rows that changed and nothing else.
import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatPercent, formatSpeed } from '../../../../shared/format';
import type { JobRow } from '../../../../shared/models/job-row';
import type { ColumnId } from '../../../../shared/models/prefs';
import { useApp } from '../../store';
import { displayName } from './display-name';
import { etaWords } from './eta-words';
import { formatCount, formatWhen } from './format-date';
import { NameCell } from './name-cell';
import { ProgressBar } from './progress-bar';
import { StatusCell, statusText, useStatusWords } from './status-cell';
import type { StatusWords } from './status-words';

export interface JobRowProps {
  id: string;
  /** Position among the shown rows (0-based). */
  index: number;
  /** px from the top of the list body. */
  start: number;
  columns: readonly ColumnId[];
  nameWidth: number;
  /** The progress column's width, px (its bar is drawn to fit). */
  progressWidth: number;
  onPointer(e: MouseEvent, id: string, kind: 'click' | 'double'): void;
  /** The list's translation and language, handed down: a hook per row costs while the list scrolls. */
  t: T;
  language: string;
}

export const rowDomId = (id: string): string => `job-row-${id}`;

export const JobRowView = memo(function JobRowView({ id, index, start, columns, nameWidth, progressWidth, onPointer, t, language }: JobRowProps) {
  const row = useApp((s) => s.list.rows.get(id));
  const selected = useApp((s) => s.selection.has(id));
  const focused = useApp((s) => s.focused === id);
  if (!row) return null;
  return <RowBody row={row} index={index} start={start} columns={columns} nameWidth={nameWidth} progressWidth={progressWidth} selected={selected} focused={focused} onPointer={onPointer} t={t} language={language} />;
});

function RowBody({ row, index, start, columns, nameWidth, progressWidth, selected, focused, onPointer, t, language }: Omit<JobRowProps, 'id'> & { row: JobRow; selected: boolean; focused: boolean }) {
  const words = useStatusWords(row);
  const name = displayName(row);
  return (
    <div
      role="row"
      id={rowDomId(row.id)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={t('rowLabel', { name, status: statusText(t, words) })}
      data-row-id={row.id}
      className={`job-row${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}`}
      // The virtual list's computed position: the one inline style the rules allow.
      style={{ transform: `translateY(${start}px)` }}
      onClick={(e) => onPointer(e, row.id, 'click')}
      onDoubleClick={(e) => onPointer(e, row.id, 'double')}
    >
      {columns.map((c) =>
        c === 'status' ? (
          <StatusCell key={c} row={row} words={words} t={t} />
        ) : (
          <div key={c} role="gridcell" className={NUMERIC.has(c) ? `cell cell-${c} num` : `cell cell-${c}`}>
            <Cell column={c} row={row} words={words} nameWidth={nameWidth} progressWidth={progressWidth} language={language} t={t} />
          </div>
        ),
      )}
    </div>
  );
}

/**
 * Columns whose cell holds its text alone, with no element inside: one element less a row for a
 * fling to build (an empty speed or time left, most rows', is no element at all).
 */
const NUMERIC: ReadonlySet<ColumnId> = new Set<ColumnId>(['size', 'speed', 'eta', 'connections', 'added', 'completed']);

const running = (r: JobRow): boolean => r.status === 'active' && r.retry === null;

export type T = ReturnType<typeof useTranslation<'taskList'>>['t'];

function Cell({ column, row, words, nameWidth, progressWidth, language, t }: { column: ColumnId; row: JobRow; words: StatusWords; nameWidth: number; progressWidth: number; language: string; t: T }) {
  switch (column) {
    case 'name':
      return <NameCell name={displayName(row)} width={nameWidth} />;
    case 'size': {
      const finished = row.status === 'completed';
      if (!finished && row.received > 0 && row.total !== null && row.received !== row.total) return t('sizeOf', { done: formatBytes(row.received), total: formatBytes(row.total) });
      return row.total !== null ? formatBytes(row.total) : row.received > 0 ? formatBytes(row.received) : '';
    }
    case 'progress':
      return <ProgressCell row={row} words={words} width={progressWidth} t={t} />;
    case 'speed':
      return running(row) && row.speed > 0 ? formatSpeed(row.speed) : '';
    case 'eta':
      return running(row) ? etaWords(row.eta, t) : '';
    case 'connections':
      return running(row) && row.activeConnections > 0 ? formatCount(row.activeConnections, language) : '';
    case 'status':
      // The cell itself (StatusCell), with no element around it.
      return null;
    case 'added':
      return formatWhen(row.createdAt, language);
    case 'completed':
      return formatWhen(row.completedAt, language);
    case 'folder':
      return (
        <span className="folder muted" title={row.dir}>
          {row.dir}
        </span>
      );
  }
}

function ProgressCell({ row, words, width, t }: { row: JobRow; words: StatusWords; width: number; t: T }) {
  const stage = (row.status === 'verifying' || row.status === 'extracting') && row.stage?.total ? row.stage.done / row.stage.total : null;
  const done = row.status === 'completed';
  const percent = done ? '100%' : stage !== null ? formatPercent(stage * 1000, 1000) : formatPercent(row.received, row.total);
  const value = done ? 100 : stage !== null ? stage * 100 : row.total ? (row.received / row.total) * 100 : undefined;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={t('progressLabel', { name: displayName(row) })}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value === undefined ? undefined : Math.floor(value)}
      aria-valuetext={percent}
    >
      <ProgressBar id={row.id} bar={row.bar} received={row.received} total={row.total} tone={words.tone} stage={stage} width={width} />
      {/* Nothing received and not running: a bare 0.0% beside an empty track says nothing. */}
      <span className="progress-percent num">{percent === '—' || (value === 0 && row.status !== 'active') ? '' : percent}</span>
    </div>
  );
}
