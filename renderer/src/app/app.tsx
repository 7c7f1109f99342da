// Composes the features into the window: toolbar on top, filters on the left, the task list with
// its details panel, and the dialogs. Features never import each other; they meet in the store.
import { useTranslation } from 'react-i18next';
import { useAppearance } from './use-appearance';
import { ConnectionBanner } from './connection-banner';
import { AddDialog, DropTarget } from '../features/add-dialog';
import './app.css';

export function App() {
  useAppearance();
  const { t } = useTranslation();
  return (
    <div className="app">
      <ConnectionBanner />
      <header className="app-toolbar">
        {/* The page's one heading, for screen readers (inside a landmark, as axe asks). */}
        <h1 className="sr-only">{t('appName')}</h1>{/* slot: toolbar */}</header>
      <aside className="app-sidebar">{/* slot: sidebar */}</aside>
      <main className="app-main">{/* slot: task list, details panel */}</main>
      {/* slot: dialogs, drop overlay, notices, announcer */}
      <AddDialog />
      <DropTarget />
    </div>
  );
}
