// One client of a transport (the desktop window, a browser tab on `haul serve`): the shared event
// stream, plus the details of the jobs this client watches. IPC and WebSocket both use it, so
// every client is served the same way whatever carries it.
import type { CallContext, EventMap, EventName } from '../../../shared/api/contract';
import type { JobDetail } from '../../../shared/models/job-row';
import type { ClientFeed } from './client-feed';

export interface SessionSource {
  feed: ClientFeed;
  /** One job in full; undefined when it is gone. */
  detail(id: string): JobDetail | undefined;
}

export type Send = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Watching more jobs at once than this is refused (each costs a detail per tick). */
export const MAX_WATCHED = 100;

export class ClientSession implements CallContext {
  private watched = new Set<string>();
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly source: SessionSource,
    private readonly send: Send,
    readonly remote: boolean,
  ) {
    const { feed } = source;
    this.stops.push(
      feed.on('jobs.changed', (e) => {
        send('jobs.changed', e);
        // A watched job's details go with the tick that changed it.
        for (const row of e.rows) if (this.watched.has(row.id)) this.sendDetail(row.id);
        for (const id of e.removed) this.watched.delete(id);
      }),
      feed.on('stats', (e) => send('stats', e)),
      feed.on('settings.changed', (e) => send('settings.changed', e)),
      feed.on('prefs.changed', (e) => send('prefs.changed', e)),
    );
  }

  /** From now on, details of these jobs (and no others) follow their changes; each is sent once at once. */
  watch(ids: string[]): void {
    this.watched = new Set(ids.slice(0, MAX_WATCHED));
    for (const id of this.watched) this.sendDetail(id);
  }

  watching(): string[] {
    return [...this.watched];
  }

  close(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private sendDetail(id: string): void {
    const detail = this.source.detail(id);
    if (detail) this.send('jobs.detail', detail);
    else this.watched.delete(id);
  }
}
