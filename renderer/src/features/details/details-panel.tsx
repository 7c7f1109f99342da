// The panel under the task list for the download the store's detailsId names (the list opens it
// with Enter, a double click or its menu). Esc or the close button closes it and stops watching.
import * as Tabs from '@radix-ui/react-tabs';
import { X } from 'lucide-react';
import { useCallback, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../store';
import { GeneralTab } from './general-tab';
import { HeadersTab } from './headers-tab';
import { HistoryTab } from './history-tab';
import { SegmentsTab } from './segments-tab';
import { MIN_HEIGHT, usePanelHeight } from './use-panel-height';
import './details-panel.css';
import './details-tabs.css';

/** Esc closes the panel, unless a dialog, a menu or a text field has it. */
function escapeIsOurs(e: KeyboardEvent): boolean {
  if (e.key !== 'Escape' || e.defaultPrevented) return false;
  const target = e.target as HTMLElement | null;
  if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"], [role="menu"]')) return false;
  return !document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"]');
}

export function DetailsPanel({ speedChart }: { speedChart?: ReactNode }) {
  const { t } = useTranslation('details');
  const store = useAppStore();
  const id = useApp((s) => s.detailsId);
  const detail = useApp((s) => (s.detail && s.detail.id === s.detailsId ? s.detail : null));
  const gone = useApp((s) => s.detailsId !== null && s.connection === 'open' && s.list.seq > 0 && !s.list.rows.has(s.detailsId));
  const { height, handle } = usePanelHeight();

  const close = useCallback(() => {
    store.setState({ detailsId: null, detail: null });
    void store.run('jobs.watch', { ids: [] });
  }, [store]);

  useEffect(() => {
    if (!id) return;
    const onKey = (e: KeyboardEvent): void => {
      if (escapeIsOurs(e)) close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [id, close]);

  // The download was removed: there is nothing left to show.
  useEffect(() => {
    if (gone) close();
  }, [gone, close]);

  if (!id) return null;
  const name = detail ? (detail.name ?? detail.url) : '';
  return (
    // Height is the one computed size here (dragged by the user).
    <section className="details" aria-label={t('region')} style={{ height }}>
      <div
        className="details-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('resize')}
        aria-valuenow={height}
        aria-valuemin={MIN_HEIGHT}
        tabIndex={0}
        {...handle}
      />
      <Tabs.Root className="details-tabs" defaultValue="segments">
        <header className="details-header">
          <h2 className="details-title" title={name}>
            <span className="details-title-label">{t('title')}</span>
            <span className="details-title-name">{name || t('loading')}</span>
          </h2>
          <Tabs.List className="details-tablist" aria-label={t('title')}>
            {(['segments', 'general', 'headers', 'history'] as const).map((tab) => (
              <Tabs.Trigger key={tab} value={tab} className="details-tab">
                {t(`tabs.${tab}`)}
              </Tabs.Trigger>
            ))}
            {speedChart && (
              <Tabs.Trigger value="speed" className="details-tab">
                {t('tabs.speed')}
              </Tabs.Trigger>
            )}
          </Tabs.List>
          <button type="button" className="details-close" aria-label={t('close')} onClick={close}>
            <X size={16} aria-hidden="true" />
          </button>
        </header>
        {detail ? (
          <>
            <Tabs.Content value="segments" className="details-content">
              <SegmentsTab detail={detail} />
            </Tabs.Content>
            <Tabs.Content value="general" className="details-content">
              <GeneralTab detail={detail} />
            </Tabs.Content>
            <Tabs.Content value="headers" className="details-content">
              <HeadersTab headers={detail.options.headers} />
            </Tabs.Content>
            <Tabs.Content value="history" className="details-content">
              <HistoryTab history={detail.history} />
            </Tabs.Content>
            {speedChart && (
              <Tabs.Content value="speed" className="details-content details-chart">
                {speedChart}
              </Tabs.Content>
            )}
          </>
        ) : (
          <p className="details-empty">{t('loading')}</p>
        )}
      </Tabs.Root>
    </section>
  );
}
