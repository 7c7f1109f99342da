// Composes the features into the window: toolbar on top, filters on the left, the task list with
// its details panel, and the dialogs. Features never import each other; they meet in the store.
import { useTranslation } from 'react-i18next';
import { useAppearance } from './use-appearance';
import { ConnectionBanner } from './connection-banner';
import { lazy, Suspense } from 'react';
import { DropTarget } from '../features/add-dialog/drop-target';
import { Announcer, Toasts } from '../features/notices';
import { RemoveDialog } from '../features/remove-dialog';
import { Sidebar } from '../features/sidebar';
import { SpeedSparkline } from '../features/speed-graph';
import { TaskList } from '../features/task-list';
import { Toolbar } from '../features/toolbar';
import './app.css';

// What only a click opens loads after the first screen, so the list draws sooner.
const AddDialog = lazy(() => import('../features/add-dialog').then((m) => ({ default: m.AddDialog })));
const SettingsDialog = lazy(() => import('../features/settings').then((m) => ({ default: m.SettingsDialog })));
const DetailsPanel = lazy(() => import('./lazy-details').then((m) => ({ default: m.DetailsWithChart })));

export function App() {
  useAppearance();
  const { t } = useTranslation();
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
        <Suspense fallback={null}>
          <DetailsPanel />
        </Suspense>
      </main>
      <RemoveDialog />
      <Suspense fallback={null}>
        <AddDialog />
        <SettingsDialog />
      </Suspense>
      <DropTarget />
      <Toasts />
      <Announcer />
    </div>
  );
}
