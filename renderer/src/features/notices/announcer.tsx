// A polite live region that tells screen-reader users when downloads complete or fail. It
// watches the store's rows outside React's render (a subscription), so the list's ten updates a
// second cost one comparison each and never a repaint here.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { announcements, spoken } from './announcements';

interface Said {
  id: number;
  text: string;
}

/** Lines kept in the region: added lines are what a screen reader reads; old ones go. */
const KEEP = 4;
let nextId = 1;

export function Announcer() {
  const { t } = useTranslation('notices');
  const store = useAppStore();
  const [said, setSaid] = useState<Said[]>([]);
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (state.list.rows === prev.list.rows) return;
        const lines = spoken(announcements(prev.list.rows, state.list.rows)).map((s) => ({ id: nextId++, text: t(s.key, s.values) }));
        if (lines.length > 0) setSaid((old) => [...old, ...lines].slice(-KEEP));
      }),
    [store, t],
  );
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="false">
      {said.map((s) => (
        <p key={s.id}>{s.text}</p>
      ))}
    </div>
  );
}
