// Composes the features into the window: toolbar on top, filters on the left, the task list with
// its details panel, and the dialogs. Features never import each other; they meet in the store.
import { useTranslation } from 'react-i18next';
import { useAppearance } from './use-appearance';
import { ConnectionBanner } from './connection-banner';
import { AddDialog, DropTarget } from '../features/add-dialog';
import { DetailsPanel } from '../features/details';
import { Announcer, Toasts } from '../features/notices';
import { RemoveDialog } from '../features/remove-dialog';
import { SettingsDialog } from '../features/settings';
import { Sidebar } from '../features/sidebar';
import { JobSpeedChart, SpeedSparkline } from '../features/speed-graph';
import { TaskList } from '../features/task-list';
import { Toolbar } from '../features/toolbar';
import './app.css';

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
        <DetailsPanel speedChart={<JobSpeedChart />} />
      </main>
      <RemoveDialog />
      <AddDialog />
      <DropTarget />
      <SettingsDialog />
      <Toasts />
      <Announcer />
    </div>
  );
}
