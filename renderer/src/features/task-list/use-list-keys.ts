// The list's keys, as a file manager has them: arrows, Home/End, the page keys (Shift extends,
// Ctrl/Cmd moves only the focus), Ctrl/Cmd+A, Space pause/resume, Delete remove, Enter details,
// Alt+↑/↓ move the selection in the queue.
import type { KeyboardEvent } from 'react';
import { pauseOrResume, selectedIds, type AppStore } from '../../store';
import { commandKey } from '../../ui/keys';
import { moveFocus, selectAll, toggleFocused, type Move } from './selection';

const MOVES: Record<string, Move> = { ArrowUp: 'up', ArrowDown: 'down', Home: 'home', End: 'end', PageUp: 'pageUp', PageDown: 'pageDown' };

export interface ListKeyContext {
  store: AppStore;
  ids: readonly string[];
  pageSize: number;
  scrollTo(index: number): void;
  openDetails(id: string): void;
}

export function handleListKey(e: KeyboardEvent, { store, ids, pageSize, scrollTo, openDetails }: ListKeyContext): void {
  const s = store.getState();
  const cmd = commandKey(e);
  const move = MOVES[e.key];
  if (move && e.altKey && (move === 'up' || move === 'down')) {
    e.preventDefault();
    const picked = selectedIds(s);
    if (picked.length > 0) void store.run('jobs.reorder', { ids: picked, to: move });
    return;
  }
  if (move && !e.altKey) {
    e.preventDefault();
    const next = moveFocus(s, ids, move, pageSize, { range: e.shiftKey, toggle: cmd });
    if (next !== s) store.setState(next);
    if (next.focused) scrollTo(ids.indexOf(next.focused));
    return;
  }
  if (cmd && !e.altKey && (e.key === 'a' || e.key === 'A')) {
    e.preventDefault();
    store.setState(selectAll(s, ids));
    return;
  }
  if (e.key === ' ' && !e.altKey) {
    e.preventDefault();
    if (cmd) return store.setState(toggleFocused(s));
    const { channel, ids: picked } = pauseOrResume(s);
    if (picked.length > 0) void store.run(channel, { ids: picked });
    return;
  }
  if ((e.key === 'Delete' || (e.key === 'Backspace' && e.metaKey)) && !e.altKey) {
    e.preventDefault();
    const picked = selectedIds(s);
    if (picked.length > 0) store.setState({ removing: picked });
    return;
  }
  if (e.key === 'Enter' && !e.altKey && !cmd) {
    e.preventDefault();
    const id = s.focused ?? selectedIds(s)[0];
    if (id) openDetails(id);
  }
}
