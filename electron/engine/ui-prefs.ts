// The UI's preferences, stored with the jobs but apart from the engine's settings: changing the
// theme never reconfigures downloads. Every client (the window, browser tabs) shares them.
import { DEFAULT_PREFS, PrefsSchema, type Prefs, type PrefsPatch } from '../../shared/models/prefs';
import type { EngineEvents } from './events';
import type { JobStore } from './store/job-store';

export class UiPrefs {
  constructor(
    private readonly store: JobStore,
    private readonly events: EngineEvents,
  ) {}

  /** Stored values that still fit the schema (a newer or damaged one falls back), defaults for the rest. */
  get(): Prefs {
    const stored = this.store.loadPrefs();
    const out: Record<string, unknown> = { ...DEFAULT_PREFS };
    for (const [key, field] of Object.entries(PrefsSchema.shape)) {
      if (key in stored && field.safeParse(stored[key]).success) out[key] = stored[key];
    }
    return out as Prefs;
  }

  set(patch: PrefsPatch): Prefs {
    this.store.savePrefs(patch);
    const out = this.get();
    this.events.emit('prefs.changed', out);
    return out;
  }
}
