// Feeds the store from the API, outside React: the first load, every event, and a fresh list
// after a gap in the events or a lost connection (events sent meanwhile are gone).
import { FIRST_PAGE_ROWS } from '../../../shared/api/boot-data';
import type { EventMap } from '../../../shared/api/contract';
import type { AppStore } from './app-store';
import { SPEED_HISTORY_SECONDS } from './app-store';
import { applyChanged, fromList, type RowsState } from './job-rows';
import { cachePrefs } from './prefs-cache';

export function connectStore(store: AppStore): () => void {
  const { api } = store;
  let listing: Promise<void> | null = null;
  const held: EventMap['jobs.changed'][] = [];
  let relistAfter = false;

  /** Events that came while listing: the list includes those up to its seq; the rest are applied. */
  const applyHeld = (listed: RowsState): RowsState => {
    let state = listed;
    for (const event of held.splice(0)) {
      const r = applyChanged(state, event);
      if (r.kind === 'applied') state = r.state;
    }
    return state;
  };

  /** Lists again; a request made while one is under way runs once after it. */
  const relist = (): Promise<void> => {
    if (listing) {
      relistAfter = true;
      return listing;
    }
    listing = (async () => {
      // A first screenful at once (10,000 rows are megabytes to send and parse), then all of them.
      if (store.getState().list.rows.size === 0) {
        const { filter, search, prefs } = store.getState();
        const first = await store.run('jobs.list', { filter, search, sort: prefs.sort, limit: FIRST_PAGE_ROWS });
        // When that was every job there is, it is the list.
        const whole = first !== undefined && filter === 'all' && search === '' && first.total === first.rows.length;
        if (whole) return void store.setState({ list: applyHeld(fromList(first)), counts: first.counts });
        if (first) store.setState({ list: fromList(first), counts: first.counts });
      }
      const list = await store.run('jobs.list', {});
      if (list) store.setState({ list: applyHeld(fromList(list)), counts: list.counts });
    })().finally(() => {
      held.length = 0;
      listing = null;
      if (relistAfter) {
        relistAfter = false;
        void relist();
      }
    });
    return listing;
  };

  const load = async (): Promise<void> => {
    // All at once: the first rows wait for one round trip, not two. The first page comes in the
    // order of the prefs known so far (the cached ones); were the engine's different, the whole
    // list that follows is sorted by them anyway.
    const listed = relist();
    const [info, prefs, settings] = await Promise.all([store.run('app.info', {}), store.run('prefs.get', {}), store.run('settings.get', {})]);
    store.setState({ ...(info && { info }), ...(prefs && { prefs }), ...(settings && { settings }) });
    await listed;
    const watched = store.getState().detailsId;
    if (watched) await store.run('jobs.watch', { ids: [watched] });
    store.setState({ connection: 'open' });
  };

  let lastSample = 0;
  const stops = [
    store.subscribe((s, before) => {
      if (s.prefs !== before.prefs) cachePrefs(s.prefs);
    }),
    api.on('jobs.changed', (event) => {
      if (listing) return void held.push(event);
      const r = applyChanged(store.getState().list, event);
      if (r.kind === 'applied') store.setState({ list: r.state, counts: event.counts });
      else if (r.kind === 'gap') void relist();
    }),
    api.on('jobs.detail', (detail) => {
      if (detail.id === store.getState().detailsId) store.setState({ detail });
    }),
    api.on('stats', (stats) => {
      const now = Date.now();
      if (now - lastSample < 1000) return store.setState({ stats });
      lastSample = now;
      store.setState((s) => ({ stats, speedHistory: [...s.speedHistory.slice(-(SPEED_HISTORY_SECONDS - 1)), stats.speed] }));
    }),
    api.on('settings.changed', (settings) => store.setState({ settings })),
    api.on('prefs.changed', (prefs) => store.setState({ prefs })),
    api.onConnection?.((state) => {
      if (state === 'lost') store.setState({ connection: 'lost' });
      else void load();
    }) ?? (() => undefined),
  ];
  void load();
  return () => stops.forEach((stop) => stop());
}
