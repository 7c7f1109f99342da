// The filters with live counts; the one picked is highlighted. Arrow keys move between them (one
// tab stop for the group), and what can be cleared in bulk is offered below.
import { CheckCircle2, CircleAlert, Clock, Download, Layers, PauseCircle, Trash2, type LucideIcon } from 'lucide-react';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_FILTERS, type StatusFilter } from '../../../../shared/models/job-row';
import { useApp, useAppStore } from '../../store';
import { Tip } from '../../ui/tooltip';
import './sidebar.css';

const ICONS: Record<StatusFilter, LucideIcon> = {
  all: Layers,
  active: Download,
  queued: Clock,
  paused: PauseCircle,
  completed: CheckCircle2,
  failed: CircleAlert,
};

export function Sidebar() {
  const { t } = useTranslation('sidebar');
  const filter = useApp((s) => s.filter);
  const store = useAppStore();
  const list = useRef<HTMLUListElement>(null);

  const key = (e: KeyboardEvent): void => {
    const i = STATUS_FILTERS.indexOf(filter);
    const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? STATUS_FILTERS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const f = STATUS_FILTERS[(next + STATUS_FILTERS.length) % STATUS_FILTERS.length]!;
    store.setState({ filter: f });
    list.current?.querySelector<HTMLButtonElement>(`[data-filter="${f}"]`)?.focus();
  };

  return (
    <nav className="sidebar" aria-labelledby="sidebar-title">
      <h2 id="sidebar-title" className="sidebar-title">
        {t('label')}
      </h2>
      <ul className="filters" ref={list} onKeyDown={key}>
        {STATUS_FILTERS.map((f) => (
          <FilterItem key={f} filter={f} current={f === filter} />
        ))}
      </ul>
      <div className="sidebar-foot">
        <ClearButton which="completed" />
        <ClearButton which="failed" />
      </div>
    </nav>
  );
}

function FilterItem({ filter, current }: { filter: StatusFilter; current: boolean }) {
  const { t: common, i18n } = useTranslation();
  const store = useAppStore();
  const count = useApp((s) => s.counts[filter]);
  const Icon = ICONS[filter];
  const name = common(`filter.${filter}`);
  return (
    <li>
      <button
        type="button"
        data-filter={filter}
        className={`filter filter-${filter}${current ? ' is-current' : ''}`}
        aria-current={current ? 'true' : undefined}
        tabIndex={current ? 0 : -1}
        onClick={() => store.setState({ filter })}
      >
        <Icon className="filter-icon" size={16} strokeWidth={2} aria-hidden />
        <span className="filter-name">{name}</span>
        {count > 0 && <span className="filter-count">{new Intl.NumberFormat(i18n.language).format(count)}</span>}
      </button>
    </li>
  );
}

function ClearButton({ which }: { which: 'completed' | 'failed' }) {
  const { t } = useTranslation('sidebar');
  const store = useAppStore();
  const count = useApp((s) => s.counts[which]);
  const filter = useApp((s) => s.filter);
  // Offered where it fits: clearing completed always when there are some, failed when looking at them.
  if (count === 0 || (which === 'failed' && filter !== 'failed')) return null;
  return (
    <Tip text={t(which === 'completed' ? 'clearCompletedHint' : 'clearFailedHint', { count })} side="right">
      <button type="button" className="sidebar-clear" onClick={() => void store.run('jobs.removeWhere', { filter: which, deleteFiles: false })}>
        <Trash2 size={14} aria-hidden />
        {t(which === 'completed' ? 'clearCompleted' : 'clearFailed')}
      </button>
    </Tip>
  );
}
