// Composes the features into the window: toolbar on top, filters on the left, the task list with
// its details panel, and the dialogs. Features never import each other; they meet in the store.
import { useTranslation } from 'react-i18next';
import { useAppearance } from './use-appearance';
import { ConnectionBanner } from './connection-banner';
import { AddDialog, DropTarget } from '../features/add-dialog';
import { RemoveDialog } from '../features/remove-dialog';
import { Sidebar } from '../features/sidebar';
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
        <Toolbar />
      </header>
      <aside className="app-sidebar">
        <Sidebar />
      </aside>
      <main className="app-main">
        <TaskList />
      </main>
      <RemoveDialog />
      <AddDialog />
      <DropTarget />
    </div>
  );
}
