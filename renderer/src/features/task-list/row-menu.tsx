// The row context menu: everything that can be done to the selection, items that cannot apply
// greyed out rather than missing, so the menu keeps its shape.
import * as ContextMenu from '@radix-ui/react-context-menu';
import { ArchiveRestore, ArrowDownToLine, ArrowUpToLine, ChevronDown, ChevronUp, Copy, ExternalLink, FolderInput, FolderOpen, Info, Link2, Pause, PenLine, Play, RotateCw, ShieldCheck, Trash2, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { anySelected, canCancel, canChangeAddress, canExtract, canMove, canOpen, canPause, canResume, canRetry, canVerify, selectedIds, useApp, useAppStore } from '../../store';
import type { JobEdit } from './job-edit-dialog';
import '../../ui/menu.css';

export interface RowMenuProps {
  /** Where the menu is put: inside the page's main landmark, not loose in the body (axe: region). */
  container: HTMLElement | null;
  onChangeAddress(id: string): void;
  onDetails(id: string): void;
  /** Another folder or name, or a checksum to verify against: a small dialog. */
  onEdit(edit: JobEdit): void;
}

export function RowMenu({ container, onChangeAddress, onDetails, onEdit }: RowMenuProps) {
  const { t } = useTranslation('taskList');
  const store = useAppStore();
  const count = useApp((s) => s.selection.size);
  const pausable = useApp((s) => anySelected(s, canPause));
  const resumable = useApp((s) => anySelected(s, canResume));
  const retryable = useApp((s) => anySelected(s, canRetry));
  const cancellable = useApp((s) => anySelected(s, canCancel));
  const movable = useApp((s) => anySelected(s, canMove));
  const verifiable = useApp((s) => anySelected(s, canVerify));
  const extractable = useApp((s) => anySelected(s, canExtract));
  const openFiles = useApp((s) => s.info?.capabilities.openFiles ?? false);
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
  const verify = (): void => {
    // One finished file with no checksum of its own: ask for the one to check against.
    if (single && canVerify(single) && !single.checksum) return onEdit({ kind: 'checksum', id: single.id });
    const picked = ids((r) => canVerify(r) && r.checksum !== null);
    if (picked.length > 0) void store.run('jobs.verify', { ids: picked });
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
        <Item icon={<FolderInput size={15} />} disabled={!movable} onSelect={() => onEdit({ kind: 'folder', ids: ids(canMove) })}>
          {t('menu.moveFolder')}
        </Item>
        <Item icon={<PenLine size={15} />} disabled={!single || !canMove(single)} onSelect={() => single && onEdit({ kind: 'name', id: single.id })}>
          {t('menu.rename')}
        </Item>
        <ContextMenu.Separator className="menu-separator" />
        {openFiles && (
          <>
            <Item icon={<ExternalLink size={15} />} disabled={!single || !canOpen(single)} onSelect={() => single && void store.run('jobs.open', { id: single.id })}>
              {t('menu.openFile')}
            </Item>
            <Item icon={<FolderOpen size={15} />} disabled={!single || !canOpen(single)} onSelect={() => single && void store.run('jobs.showInFolder', { id: single.id })}>
              {t('menu.showInFolder')}
            </Item>
          </>
        )}
        <Item icon={<ShieldCheck size={15} />} disabled={!verifiable} onSelect={verify}>
          {t('menu.verify')}
        </Item>
        <Item icon={<ArchiveRestore size={15} />} disabled={!extractable} onSelect={() => void store.run('jobs.extract', { ids: ids(canExtract) })}>
          {t('menu.extract')}
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
