// A polite live region that tells screen-reader users when downloads complete, fail or stop on an
// error; in a browser (where the app cannot post notifications itself) the same sentences become
// browser notifications, as the prefs ask, once the user has allowed them. It watches the store's
// rows outside React's render (a subscription): the list's ten updates a second cost one
// comparison each and never a repaint here.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { say } from '../../job-words/words';
import { useAppStore, type AppState } from '../../store';
import { announcements, spoken, wanted } from './announcements';

interface Said {
  id: number;
  text: string;
}

/** Lines kept in the region: added lines are what a screen reader reads; old ones go. */
const KEEP = 4;
let nextId = 1;

/** The browser posts them when the transport cannot and the user allowed it. */
function browserNotifies(state: AppState): boolean {
  return state.info !== null && !state.info.capabilities.notifications && typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

export function Announcer() {
  const { t } = useTranslation('notices');
  const store = useAppStore();
  const [said, setSaid] = useState<Said[]>([]);
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (state.list.rows === prev.list.rows) return;
        const lines = spoken(announcements(prev.list.rows, state.list.rows));
        if (lines.length === 0) return;
        const texts = lines.map((s) => ({ kind: s.kind, text: say(t, s) }));
        setSaid((old) => [...old, ...texts.map(({ text }) => ({ id: nextId++, text }))].slice(-KEEP));
        if (!browserNotifies(state)) return;
        // The tag folds the same news from several open tabs into one notification.
        for (const { kind, text } of texts) if (wanted(kind, state.prefs.notifications)) new Notification(t(`notification.${kind}`), { body: text, tag: text });
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
