// HaulApi over `haul serve`'s WebSocket (the wire protocol is in shared/api/ws-protocol.ts). It
// reconnects by itself with growing, jittered delays; while the connection is down, commands fail
// at once with HAUL_E_DISCONNECTED (the ones in flight when it dropped too), and onConnection
// listeners hear 'lost', then 'open' once it is back (the store lists again then).
import type { Channel, CommandInput, CommandOutputs, EventMap, EventName, HaulApi } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { ServerFrameSchema, WS_PATH } from '../../../shared/api/ws-protocol';

/** What the client needs of a WebSocket: the browser's, or ws's in tests. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WsClientOptions {
  url: string;
  open?: (url: string) => SocketLike;
  /** The first retry's delay and the longest one (ms). */
  retry?: { firstMs: number; maxMs: number };
  /** 0..1, for the jitter. */
  random?: () => number;
  /** After each attempt that did not open (the server is down, or refuses this page's cookie). */
  onAttemptFailed?: () => void;
}

export interface WsApi extends HaulApi {
  /** Stops for good: no more reconnects, pending commands fail. */
  close(): void;
}

const OPEN = 1;
const DEFAULT_RETRY = { firstMs: 250, maxMs: 5000 };

type Pending = (result: Result<never>) => void;
type Listener = (payload: never) => void;

/** The API's address on the page's own origin (ws: for http:, wss: for https:). */
export function sameOriginUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${WS_PATH}`;
}

export function createWsApi(options: WsClientOptions): WsApi {
  const open = options.open ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const retry = options.retry ?? DEFAULT_RETRY;
  const random = options.random ?? Math.random;
  const pending = new Map<number, Pending>();
  /** Commands asked for before the first connection opened: sent once it does. */
  const queued: string[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const connectionListeners = new Set<(state: 'open' | 'lost') => void>();
  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let everOpened = false;
  let saidLost = false;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const tell = (state: 'open' | 'lost'): void => {
    for (const l of connectionListeners) l(state);
  };

  const failPending = (): void => {
    const error = { code: 'HAUL_E_DISCONNECTED' as const, message: 'The connection to Haul was lost before it answered.' };
    for (const done of pending.values()) done({ ok: false, error });
    pending.clear();
    queued.length = 0;
  };

  const onFrame = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = ServerFrameSchema.safeParse(json);
    if (!frame.success) return;
    const f = frame.data;
    if ('id' in f) {
      const done = pending.get(f.id);
      pending.delete(f.id);
      done?.(f.result as Result<never>);
    } else if ('event' in f) {
      for (const l of listeners.get(f.event) ?? []) l(f.payload as never);
    }
  };

  const connect = (): void => {
    timer = null;
    const s = open(options.url);
    socket = s;
    s.onopen = () => {
      opened = true;
      attempt = 0;
      for (const text of queued.splice(0)) s.send(text);
      const back = saidLost;
      everOpened = true;
      saidLost = false;
      if (back) tell('open');
    };
    s.onmessage = (event) => onFrame(event.data);
    s.onerror = () => undefined; // a close always follows
    let opened = false;
    s.onclose = () => {
      if (socket !== s) return;
      socket = null;
      if (!opened) options.onAttemptFailed?.();
      failPending();
      if (closed) return;
      if (!saidLost) {
        saidLost = true;
        tell('lost');
      }
      // 250 ms, 500 ms… up to 5 s, each somewhere in its upper half so many tabs do not come back at once.
      const delay = Math.min(retry.maxMs, retry.firstMs * 2 ** attempt++);
      timer = setTimeout(connect, delay / 2 + (delay / 2) * random());
    };
  };

  connect();

  return {
    invoke<C extends Channel>(channel: C, input: CommandInput<C>): Promise<Result<CommandOutputs[C]>> {
      const id = nextId++;
      const text = JSON.stringify({ id, channel, input });
      return new Promise((resolve) => {
        const s = socket;
        if (s && s.readyState === OPEN) s.send(text);
        else if (!everOpened && !closed) queued.push(text);
        else return resolve({ ok: false, error: { code: 'HAUL_E_DISCONNECTED', message: 'Haul is not connected; it reconnects by itself.' } });
        pending.set(id, resolve as Pending);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const s = socket;
      socket = null;
      s?.close(1000, 'closed');
      failPending();
    },
  };
}
