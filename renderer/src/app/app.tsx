// Composes the features into the window: toolbar on top, filters on the left, the task list with
// its details panel, and the dialogs. Features never import each other; they meet in the store.
import { useTranslation } from 'react-i18next';
import { useAppearance } from './use-appearance';
import { ConnectionBanner } from './connection-banner';
import { DetailsPanel } from '../features/details';
import { Announcer, Toasts } from '../features/notices';
import { SettingsDialog } from '../features/settings';
import { JobSpeedChart, SpeedSparkline } from '../features/speed-graph';
import './app.css';

export function App() {
  useAppearance();
  const { t } = useTranslation();
  return (
    <div className="app">
      {/* The page's one heading, for screen readers: the window's title says it to everyone else. */}
      <h1 className="sr-only">{t('appName')}</h1>
      <ConnectionBanner />
      <header className="app-toolbar">{/* slot: toolbar */}<SpeedSparkline /></header>
      <aside className="app-sidebar">{/* slot: sidebar */}</aside>
      <main className="app-main">{/* slot: task list, details panel */}<DetailsPanel speedChart={<JobSpeedChart />} /></main>
      {/* slot: dialogs, drop overlay, notices, announcer */}
      <SettingsDialog />
      <Toasts />
      <Announcer />
    </div>
  );
}
