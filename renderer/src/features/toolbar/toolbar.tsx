// The toolbar: Add, what can be done to the selection, search, and on the right the total speed
// (a graph slot beside it), the quick limit, pause/resume all and settings. Its shortcuts are
// ones a browser leaves to the page.
import { ArrowDown, CirclePause, CirclePlay, Pause, Play, Plus, RotateCw, Search, Settings, Trash2, X } from 'lucide-react';
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSpeed } from '../../../../shared/format';
import { anySelected, canPause, canResume, canRetry, selectedIds, useApp, useAppStore, type AppStore } from '../../store';
import { Button, IconButton } from '../../ui/button';
import { addShortcutLabel, commandKey, isTextEntry, withCommand } from '../../ui/keys';
import { SpeedLimit } from './speed-limit';
import './toolbar.css';

export interface ToolbarProps {
  /** The speed graph, drawn by its own feature; shown beside the total speed. */
  speedGraph?: ReactNode;
}

const openAdd = (store: AppStore): void => store.setState({ addDialog: { open: true, text: '' } });

export function Toolbar({ speedGraph }: ToolbarProps) {
  const { t } = useTranslation('toolbar');
  const store = useAppStore();
  const mode = useApp((s) => s.info?.mode);
  const any = useApp((s) => s.selection.size > 0);
  const pausable = useApp((s) => anySelected(s, canPause));
  const resumable = useApp((s) => anySelected(s, canResume));
  const retryable = useApp((s) => anySelected(s, canRetry));
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const s = store.getState();
      if (s.addDialog.open || s.removing !== null || s.settingsOpen) return;
      const cmd = commandKey(e);
      if (cmd && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
        return;
      }
      // Alt+N and Insert work everywhere; Ctrl/Cmd+N only in the desktop app (a browser keeps it).
      const add =
        (e.altKey && !cmd && e.code === 'KeyN') ||
        (e.key === 'Insert' && !e.altKey && !cmd && !isTextEntry(e.target)) ||
        (cmd && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'n' && s.info?.mode === 'desktop');
      if (add) {
        e.preventDefault();
        openAdd(store);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const run = (channel: 'jobs.pause' | 'jobs.resume' | 'jobs.retry', test: Parameters<typeof selectedIds>[1]): void => {
    const ids = selectedIds(store.getState(), test);
    if (ids.length > 0) void store.run(channel, { ids });
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={t('label')}>
      <Button variant="primary" className="toolbar-add" icon={<Plus size={16} strokeWidth={2.5} aria-hidden />} aria-keyshortcuts={mode === 'desktop' ? 'Control+N Alt+N Insert' : 'Alt+N Insert'} title={`${t('addLong')} (${addShortcutLabel(mode)})`} onClick={() => openAdd(store)}>
        {t('add')}
      </Button>
      <div className="toolbar-divider" aria-hidden />
      <div className="toolbar-group">
        <IconButton label={t('pause')} shortcut="Space" disabled={!pausable} onClick={() => run('jobs.pause', canPause)}>
          <Pause size={17} aria-hidden />
        </IconButton>
        <IconButton label={t('resume')} shortcut="Space" disabled={!resumable} onClick={() => run('jobs.resume', canResume)}>
          <Play size={17} aria-hidden />
        </IconButton>
        <IconButton label={t('retry')} disabled={!retryable} onClick={() => run('jobs.retry', canRetry)}>
          <RotateCw size={16} aria-hidden />
        </IconButton>
        <IconButton label={t('remove')} shortcut="Del" disabled={!any} onClick={() => store.setState({ removing: selectedIds(store.getState()) })}>
          <Trash2 size={16} aria-hidden />
        </IconButton>
      </div>
      <SearchBox inputRef={search} />
      <div className="toolbar-right">
        <TotalSpeed />
        {speedGraph && <div className="toolbar-graph">{speedGraph}</div>}
        <SpeedLimit />
        <div className="toolbar-divider" aria-hidden />
        <div className="toolbar-group">
          <IconButton label={t('pauseAll')} onClick={() => void store.run('jobs.pauseAll', {})}>
            <CirclePause size={17} aria-hidden />
          </IconButton>
          <IconButton label={t('resumeAll')} onClick={() => void store.run('jobs.resumeAll', {})}>
            <CirclePlay size={17} aria-hidden />
          </IconButton>
          <IconButton label={t('settings')} onClick={() => store.setState({ settingsOpen: true })}>
            <Settings size={17} aria-hidden />
          </IconButton>
        </div>
      </div>
    </div>
  );
}

function SearchBox({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation('toolbar');
  const store = useAppStore();
  const value = useApp((s) => s.search);
  return (
    <div className="search">
      <Search className="search-icon" size={15} aria-hidden />
      <input
        ref={inputRef}
        className="search-input"
        type="search"
        value={value}
        placeholder={t('searchPlaceholder')}
        aria-label={t('search')}
        aria-keyshortcuts={withCommand('F').replace('Ctrl+', 'Control+').replace('⌘', 'Meta+')}
        spellCheck={false}
        onChange={(e) => store.setState({ search: e.target.value })}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          if (value) store.setState({ search: '' });
          else e.currentTarget.blur();
        }}
      />
      {value && (
        <button type="button" className="search-clear" aria-label={t('clearSearch')} onClick={() => store.setState({ search: '' })}>
          <X size={14} aria-hidden />
        </button>
      )}
      <kbd className="search-key" aria-hidden>
        {withCommand('F')}
      </kbd>
    </div>
  );
}

function TotalSpeed() {
  const { t } = useTranslation('toolbar');
  const speed = useApp((s) => s.stats?.speed ?? 0);
  const text = formatSpeed(speed);
  return (
    <div className={`total-speed${speed > 0 ? ' is-moving' : ''}`} aria-label={t('speed', { speed: text })} role="img">
      <ArrowDown size={15} strokeWidth={2.5} aria-hidden />
      <span className="tabular" aria-hidden>
        {text}
      </span>
    </div>
  );
}
