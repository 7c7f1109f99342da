// Composes the features into the window: toolbar on top, filters on the left, the task list with
// its details panel, and the dialogs. Features never import each other; they meet in the store.
import { useAppearance } from './use-appearance';
import { ConnectionBanner } from './connection-banner';
import { AddDialog, DropTarget } from '../features/add-dialog';
import './app.css';

export function App() {
  useAppearance();
  return (
    <div className="app">
      <ConnectionBanner />
      <header className="app-toolbar">{/* slot: toolbar */}</header>
      <aside className="app-sidebar">{/* slot: sidebar */}</aside>
      <main className="app-main">{/* slot: task list, details panel */}</main>
      {/* slot: dialogs, drop overlay, notices, announcer */}
      <AddDialog />
      <DropTarget />
    </div>
  );
}
