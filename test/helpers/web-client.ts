// A client of `haul serve` as a browser tab is one: a real WebSocket (the `ws` package) with the
// UI's Origin and the token cookie, speaking the wire protocol, keeping every frame it receives.
import { request } from 'node:http';
import { WebSocket } from 'ws';
import type { EventMap, EventName } from '../../shared/api/contract';
import { WS_PATH } from '../../shared/api/ws-protocol';
import { cookieName } from '../../electron/server/access';
import { waitUntil } from './wait-until';

export interface WebTarget {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  token: string;
}

export interface Frame {
  id?: number;
  result?: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  event?: EventName;
  payload?: unknown;
  error?: { code: string; message: string };
}

export interface WebClient {
  socket: WebSocket;
  frames: Frame[];
  /** The close code once closed. */
  closed: number | null;
  send(text: string | Buffer): void;
  call<T = unknown>(channel: string, input: unknown): Promise<T>;
  /** The raw answer to a command: the Result as the server sent it. */
  result(channel: string, input: unknown): Promise<NonNullable<Frame['result']>>;
  received<E extends EventName>(event: E): EventMap[E][];
  close(): Promise<void>;
}

export function tokenCookieHeader(t: WebTarget, token = t.token): string {
  return `${cookieName(t.port)}=${token}`;
}

/** Opens a socket (with this Origin; null: none); resolves when open, rejects with the HTTP status when the upgrade is refused. */
export function openSocket(t: WebTarget, headers: Record<string, string> = {}, origin: string | null = t.origin): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${t.port}${WS_PATH}`, { headers: { cookie: tokenCookieHeader(t), ...headers }, ...(origin === null ? {} : { origin }) });
  return new Promise((resolve, reject) => {
    socket.on('open', () => resolve(socket));
    socket.on('unexpected-response', (_req, res) => {
      reject(new Error(`refused: ${res.statusCode}`));
      res.resume();
      socket.terminate();
    });
    socket.on('error', (err: Error) => reject(err));
  });
}

export async function connectWebClient(t: WebTarget, headers: Record<string, string> = {}): Promise<WebClient> {
  const socket = await openSocket(t, headers);
  const frames: Frame[] = [];
  const answers = new Map<number, (f: Frame) => void>();
  let nextId = 1;
  const client: WebClient = {
    socket,
    frames,
    closed: null,
    send: (text) => socket.send(text),
    async result(channel, input) {
      const id = nextId++;
      const answer = new Promise<Frame>((resolve) => answers.set(id, resolve));
      socket.send(JSON.stringify({ id, channel, input }));
      return (await answer).result!;
    },
    async call<T>(channel: string, input: unknown): Promise<T> {
      const r = await client.result(channel, input);
      if (!r.ok) throw new Error(`${r.error!.code}: ${r.error!.message}`);
      return r.value as T;
    },
    received: <E extends EventName>(event: E) => frames.filter((f) => f.event === event).map((f) => f.payload as EventMap[E]),
    async close() {
      if (client.closed === null) socket.close(1000, 'done');
      await waitUntil(() => client.closed !== null, 'the socket to close');
    },
  };
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString('utf8')) as Frame;
    frames.push(frame);
    if (frame.id !== undefined) answers.get(frame.id)?.(frame);
  });
  socket.on('close', (code) => (client.closed = code));
  return client;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A plain GET with exactly these headers (a browser's Host, Origin and Cookie can be set to anything here). */
export function httpGet(t: WebTarget, path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: t.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
