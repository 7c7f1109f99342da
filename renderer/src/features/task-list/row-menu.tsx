// The row context menu: everything that can be done to the selection, items that cannot apply
// greyed out rather than missing, so the menu keeps its shape.
import * as ContextMenu from '@radix-ui/react-context-menu';
import { ArrowDownToLine, ArrowUpToLine, ChevronDown, ChevronUp, Copy, Info, Link2, Pause, Play, RotateCw, Trash2, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { anySelected, canCancel, canChangeAddress, canPause, canResume, canRetry, selectedIds, useApp, useAppStore } from '../../store';
import '../../ui/menu.css';

export interface RowMenuProps {
  /** Where the menu is put: inside the page's main landmark, not loose in the body (axe: region). */
  container: HTMLElement | null;
  onChangeAddress(id: string): void;
  onDetails(id: string): void;
}

export function RowMenu({ container, onChangeAddress, onDetails }: RowMenuProps) {
  const { t } = useTranslation('taskList');
  const store = useAppStore();
  const count = useApp((s) => s.selection.size);
  const pausable = useApp((s) => anySelected(s, canPause));
  const resumable = useApp((s) => anySelected(s, canResume));
  const retryable = useApp((s) => anySelected(s, canRetry));
  const cancellable = useApp((s) => anySelected(s, canCancel));
  const single = useApp((s) => (s.selection.size === 1 ? s.list.rows.get([...s.selection][0]!) ?? null : null));

  const ids = (test?: Parameters<typeof selectedIds>[1]): string[] => selectedIds(store.getState(), test);
  const run = (channel: 'jobs.pause' | 'jobs.resume' | 'jobs.retry' | 'jobs.cancel', test: Parameters<typeof selectedIds>[1]): void => {
    const picked = ids(test);
    if (picked.length > 0) void store.run(channel, { ids: picked });
  };
  const move = (to: 'top' | 'up' | 'down' | 'bottom'): void => {
    const picked = ids();
    if (picked.length > 0) void store.run('jobs.reorder', { ids: picked, to });
  };
  const copy = async (): Promise<void> => {
    const s = store.getState();
    const urls = ids().map((id) => s.list.rows.get(id)!.url);
    try {
      await navigator.clipboard.writeText(urls.join('\n'));
      store.notify('info', t('copied', { count: urls.length }));
    } catch {
      store.notify('error', t('copyFailed'));
    }
  };

  return (
    <ContextMenu.Portal container={container}>
      <ContextMenu.Content className="menu" aria-label={t('menu.label')} collisionPadding={8}>
        <Item icon={<Pause size={15} />} disabled={!pausable} onSelect={() => run('jobs.pause', canPause)} shortcut="Space">
          {t('menu.pause')}
        </Item>
        <Item icon={<Play size={15} />} disabled={!resumable} onSelect={() => run('jobs.resume', canResume)}>
          {t('menu.resume')}
        </Item>
        <Item icon={<RotateCw size={15} />} disabled={!retryable} onSelect={() => run('jobs.retry', canRetry)}>
          {t('menu.retry')}
        </Item>
        <Item icon={<X size={15} />} disabled={!cancellable} onSelect={() => run('jobs.cancel', canCancel)}>
          {t('menu.cancel')}
        </Item>
        <Item icon={<Trash2 size={15} />} danger disabled={count === 0} onSelect={() => store.setState({ removing: ids() })} shortcut="Del">
          {t('menu.remove')}
        </Item>
        <ContextMenu.Separator className="menu-separator" />
        <Item icon={<ArrowUpToLine size={15} />} disabled={count === 0} onSelect={() => move('top')}>
          {t('menu.moveTop')}
        </Item>
        <Item icon={<ChevronUp size={15} />} disabled={count === 0} onSelect={() => move('up')} shortcut="Alt+↑">
          {t('menu.moveUp')}
        </Item>
        <Item icon={<ChevronDown size={15} />} disabled={count === 0} onSelect={() => move('down')} shortcut="Alt+↓">
          {t('menu.moveDown')}
        </Item>
        <Item icon={<ArrowDownToLine size={15} />} disabled={count === 0} onSelect={() => move('bottom')}>
          {t('menu.moveBottom')}
        </Item>
        <ContextMenu.Separator className="menu-separator" />
        <Item icon={<Copy size={15} />} disabled={count === 0} onSelect={() => void copy()}>
          {count > 1 ? t('menu.copyAddresses') : t('menu.copyAddress')}
        </Item>
        <Item icon={<Link2 size={15} />} disabled={!single || !canChangeAddress(single)} onSelect={() => single && onChangeAddress(single.id)}>
          {t('menu.changeAddress')}
        </Item>
        <ContextMenu.Separator className="menu-separator" />
        <Item icon={<Info size={15} />} disabled={!single} onSelect={() => single && onDetails(single.id)} shortcut="Enter">
          {t('menu.details')}
        </Item>
      </ContextMenu.Content>
    </ContextMenu.Portal>
  );
}

function Item({ icon, children, disabled, danger, shortcut, onSelect }: { icon: ReactNode; children: ReactNode; disabled?: boolean; danger?: boolean; shortcut?: string; onSelect(): void }) {
  return (
    <ContextMenu.Item className={`menu-item${danger ? ' menu-item-danger' : ''}`} disabled={disabled} onSelect={onSelect}>
      <span className="menu-check" aria-hidden>
        {icon}
      </span>
      {children}
      {shortcut && (
        <span className="menu-shortcut" aria-hidden>
          {shortcut}
        </span>
      )}
    </ContextMenu.Item>
  );
}
