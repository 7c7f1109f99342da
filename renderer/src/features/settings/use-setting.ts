// One engine setting as an editable field: what is typed is kept as a draft, checked with the
// shared schema, and sent: a number a moment after the typing stops, a text (a proxy address, a
// folder) only on Enter, on leaving the field or on closing the dialog, so a half-typed address
// never reaches the downloads; a choice at once. A change from another client shows as soon as
// this field is not being edited.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../../shared/models/settings';
import { useApp, useAppStore, type AppStore } from '../../store';
import { readField, type Draft, type Parsed, type Problem } from './settings-fields';

const TYPING_PAUSE_MS = 600;

/** Sends a settings change; the engine's refusal (a bad proxy, an unreadable certificate) comes back as a problem. */
export async function applySettings(store: AppStore, patch: SettingsPatch): Promise<Problem | null> {
  const r = await store.api.invoke('settings.set', patch).catch((err: unknown) => ({ ok: false as const, error: { code: 'HAUL_E_DISCONNECTED', message: String(err) } }));
  if (r.ok) {
    store.setState({ settings: r.value });
    return null;
  }
  return { key: 'server', values: { message: r.error.message } };
}

export interface SettingField {
  draft: Draft;
  problem: Problem | null;
  /** A typed change: sent after a pause in typing. */
  type(draft: Draft): void;
  /** A typed change kept until commit (Enter, leaving the field, closing the dialog): a half-typed proxy address must not reach the downloads. */
  edit(draft: Draft): void;
  /** A change to send now (a unit picked, a toggle, leaving the field). */
  commit(draft?: Draft): void;
}

export function useSetting<K extends keyof Settings>(key: K, toDraft: (value: Settings[K]) => Draft, parse: (draft: Draft) => Parsed<Settings[K]>): SettingField {
  const store = useAppStore();
  const saved = useApp((s) => s.settings?.[key]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const latest = useRef<Draft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Typed but not sent yet (the pause after typing has not passed). */
  const pending = useRef<Draft | null>(null);

  const send = useCallback(
    async (d: Draft): Promise<void> => {
      clearTimeout(timer.current);
      pending.current = null;
      const r = readField(key, parse, d);
      if (!r.ok) return setProblem(r.problem);
      const refused = r.value === store.getState().settings?.[key] ? null : await applySettings(store, { [key]: r.value });
      setProblem(refused);
      // Typing that went on while this was sent stays a draft.
      if (!refused && latest.current === d) {
        latest.current = null;
        setDraft(null);
      }
    },
    [key, parse, store],
  );

  // Closing the dialog right after typing (Esc) still saves what was typed.
  const sendNow = useRef(send);
  sendNow.current = send;
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (pending.current) void sendNow.current(pending.current);
    },
    [],
  );

  const shown = draft ?? (saved === undefined ? { text: '' } : toDraft(saved));
  return {
    draft: shown,
    problem,
    type(d) {
      latest.current = d;
      pending.current = d;
      setDraft(d);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void send(d), TYPING_PAUSE_MS);
    },
    edit(d) {
      latest.current = d;
      pending.current = d;
      setDraft(d);
      clearTimeout(timer.current);
    },
    commit(d = shown) {
      latest.current = d;
      setDraft(d);
      void send(d);
    },
  };
}
