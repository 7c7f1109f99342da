// The one client store. It is fed by the event stream outside React (connectStore) and views
// select narrow slices of it (one row, one count), never the whole list. Every command goes
// through the HaulApi interface (run), which reports failures to the user in one place.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Channel, CommandInput, CommandOutputs, HaulApi } from '../../../shared/api/contract';
import type { ErrorInfo } from '../../../shared/errors';
import type { AppInfo } from '../../../shared/models/app-info';
import type { GlobalStats } from '../../../shared/models/job';
import type { JobDetail, StatusCounts, StatusFilter } from '../../../shared/models/job-row';
import { DEFAULT_PREFS, type Prefs } from '../../../shared/models/prefs';
import type { Settings } from '../../../shared/models/settings';
import type { BootData } from '../../../shared/api/boot-data';
import { EMPTY_ROWS, fromList, type RowsState } from './job-rows';

/** Seconds of total speed kept for the speed graph. */
export const SPEED_HISTORY_SECONDS = 300;

export type Connection = 'connecting' | 'open' | 'lost';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface AppState {
  connection: Connection;
  info: AppInfo | null;
  list: RowsState;
  counts: StatusCounts;
  stats: GlobalStats | null;
  /** One sample a second of the total speed, oldest first. */
  speedHistory: number[];
  settings: Settings | null;
  prefs: Prefs;
  filter: StatusFilter;
  search: string;
  /** Selected ids; `anchor` is where a Shift-click range starts, `focused` the keyboard's row. */
  selection: ReadonlySet<string>;
  anchor: string | null;
  focused: string | null;
  /** The job the details panel shows (watched), and its detail as the last event left it. */
  detailsId: string | null;
  detail: JobDetail | null;
  /** The add dialog, with what a drop or a paste put in it. */
  addDialog: { open: boolean; text: string };
  /** Ids the remove dialog asks about; null when closed. */
  removing: string[] | null;
  settingsOpen: boolean;
  notices: Notice[];
}

export const NO_COUNTS: StatusCounts = { all: 0, active: 0, queued: 0, paused: 0, completed: 0, failed: 0 };

export function initialState(prefs: Prefs = DEFAULT_PREFS): AppState {
  return {
    connection: 'connecting',
    info: null,
    list: EMPTY_ROWS,
    counts: NO_COUNTS,
    stats: null,
    speedHistory: [],
    settings: null,
    prefs,
    filter: 'all',
    search: '',
    selection: new Set(),
    anchor: null,
    focused: null,
    detailsId: null,
    detail: null,
    addDialog: { open: false, text: '' },
    removing: null,
    settingsOpen: false,
    notices: [],
  };
}

export type AppStore = StoreApi<AppState> & {
  api: HaulApi;
  /** Runs a command; a failure becomes a notice (and undefined), never an exception in a view. */
  run<C extends Channel>(channel: C, input: CommandInput<C>): Promise<CommandOutputs[C] | undefined>;
  notify(kind: Notice['kind'], text: string): void;
};

let nextNotice = 1;

/**
 * `prefs`: the last ones seen (prefs-cache.ts), until the engine's arrive. `boot`: the first
 * screen's data the server's page carried; the store starts with it (the state a server draws
 * from is the initial one), and once the connection opens the whole list replaces it.
 */
export function createAppStore(api: HaulApi, prefs?: Prefs, boot?: BootData | null): AppStore {
  const start = initialState(boot?.prefs ?? prefs);
  const store = createStore<AppState>()(() =>
    boot ? { ...start, info: boot.info, settings: boot.settings, list: fromList(boot.firstPage), counts: boot.firstPage.counts } : start,
  );
  const notify = (kind: Notice['kind'], text: string): void => {
    const notice = { id: nextNotice++, kind, text };
    store.setState((s) => ({ notices: [...s.notices.slice(-4), notice] }));
  };
  return Object.assign(store, {
    api,
    notify,
    async run<C extends Channel>(channel: C, input: CommandInput<C>): Promise<CommandOutputs[C] | undefined> {
      const r = await api.invoke(channel, input).catch((err: unknown): { ok: false; error: ErrorInfo } => ({
        ok: false,
        error: { code: 'HAUL_E_DISCONNECTED', message: err instanceof Error ? err.message : String(err) },
      }));
      if (r.ok) return r.value;
      notify('error', r.error.message);
      return undefined;
    },
  });
}
