// Composes the features into the window: toolbar on top, filters on the left, the task list with
// its details panel, and the dialogs. Features never import each other; they meet in the store.
import { useTranslation } from 'react-i18next';
import { useAppearance } from './use-appearance';
import { ConnectionBanner } from './connection-banner';
import { lazy, Suspense, useEffect, useState } from 'react';
import { DropTarget } from '../features/add-dialog/drop-target';
import { Announcer, Toasts } from '../features/notices';
import { RemoveDialog } from '../features/remove-dialog';
import { Sidebar } from '../features/sidebar';
import { SpeedSparkline } from '../features/speed-graph';
import { TaskList } from '../features/task-list';
import { useApp } from '../store';
import { Toolbar } from '../features/toolbar';
import './app.css';

// What only a click opens is neither loaded nor rendered before the first rows: it is fetched
// once the page is idle, and mounted the first time it opens.
const loadAddDialog = () => import('../features/add-dialog');
const loadSettings = () => import('../features/settings');
const loadDetails = () => import('./lazy-details');
const AddDialog = lazy(() => loadAddDialog().then((m) => ({ default: m.AddDialog })));
const SettingsDialog = lazy(() => loadSettings().then((m) => ({ default: m.SettingsDialog })));
const DetailsPanel = lazy(() => loadDetails().then((m) => ({ default: m.DetailsWithChart })));

/** True from the first time `now` is, on: a dialog stays mounted once opened (its closing animates). */
function useOnceTrue(now: boolean): boolean {
  const [was, setWas] = useState(now);
  if (now && !was) setWas(true);
  return was || now;
}

function usePrefetchWhenIdle(): void {
  const open = useApp((s) => s.connection === 'open');
  useEffect(() => {
    if (!open) return;
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 200));
    idle(() => void Promise.all([loadAddDialog(), loadSettings(), loadDetails()]).catch(() => undefined));
  }, [open]);
}

export function App() {
  useAppearance();
  usePrefetchWhenIdle();
  const { t } = useTranslation();
  const addDialog = useOnceTrue(useApp((s) => s.addDialog.open));
  const settings = useOnceTrue(useApp((s) => s.settingsOpen));
  const details = useOnceTrue(useApp((s) => s.detailsId !== null));
  return (
    <div className="app">
      <ConnectionBanner />
      <header className="app-toolbar">
        {/* The page's one heading, for screen readers (inside a landmark, as axe asks). */}
        <h1 className="sr-only">{t('appName')}</h1>
        <Toolbar speedGraph={<SpeedSparkline showValue={false} />} />
      </header>
      <aside className="app-sidebar">
        <Sidebar />
      </aside>
      <main className="app-main">
        <TaskList />
        <Suspense fallback={null}>{details && <DetailsPanel />}</Suspense>
      </main>
      <RemoveDialog />
      <Suspense fallback={null}>
        {addDialog && <AddDialog />}
        {settings && <SettingsDialog />}
      </Suspense>
      <DropTarget />
      <Toasts />
      <Announcer />
    </div>
  );
}
