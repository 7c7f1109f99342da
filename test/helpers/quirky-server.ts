// A loopback HTTP/1.1 server that misbehaves the way real download servers do. Every engine test
// stands on it, so its own test file pins each quirk down.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { contentRoute, sendText, serveContent, type ContentRoute } from './quirky-routes';
import { makeContent } from './test-content';

/** Request indexes below are 0-based per route and count every request to it, HEAD included. */
export interface Quirks {
  /** Default true: honour one `Range: bytes=a-b | a- | -n` with 206. False: ignore Range, no Accept-Ranges. */
  ranges?: boolean;
  /** Default: a strong ETag derived from the content (size+mtime for files). null: none. */
  etag?: string | null;
  /** Default: a fixed date (the mtime for files). null: none. */
  lastModified?: string | null;
  /** Default true. False: no Content-Length, chunked transfer encoding. */
  contentLength?: boolean;
  /** Bytes/s for each response body; 0 or absent: unthrottled. */
  throttle?: number;
  /**
   * The `nth` TCP connection (1-based, in the order connections are first served this route's
   * content) carries every response at `rate` bytes/s; the others follow `throttle`. One slow path among fast
   * ones, as a congested route or an overloaded server thread gives.
   */
  slowConnection?: { nth: number; rate: number };
  /** Destroy the socket after this many body bytes of a response (only responses longer than that)… */
  resetAfter?: number;
  /** …for this many responses (default 1). */
  resetTimes?: number;
  /** Reset with a TCP RST 50 ms after the last byte (client sees ECONNRESET) instead of a bare close (FIN). */
  resetHard?: boolean;
  /** First N requests answer `status` with a small text body. */
  failFirst?: { count: number; status: 503 | 429 | 500 | 502; retryAfter?: string };
  /** First N requests get no answer at all, not even a status line; the socket stays open until the client or close() ends it. */
  silentFirst?: number;
  /** Send this many body bytes then go silent, socket open, until the client or close() ends it… */
  stallAfter?: number;
  /** …for this many responses (default 1). */
  stallTimes?: number;
  /** End the body this many bytes early but cleanly: with Content-Length, FIN after the short body. */
  shortBy?: number;
  shortTimes?: number;
  /** From request index `changeAfter` on, serve `changedBody` with a new ETag and Last-Modified. */
  changeAfter?: number;
  /** Default: different bytes of the same size, the nastiest case for a resuming client. */
  changedBody?: Buffer;
  /** A string goes out one byte per char (latin1); a Buffer goes out as-is, e.g. raw UTF-8. */
  contentDisposition?: string | Buffer;
  /** Default application/octet-stream. */
  contentType?: string;
  /** Every request answers this status with a small text body (404, 403, 410, 401, 500…). */
  status?: number;
  /** HEAD requests answer this status (405, 501, 403…), as servers that refuse HEAD or sign URLs for GET only do. */
  headStatus?: number;
  /** Requests lacking any of these header values exactly (names in lower case) get 401, as a server behind a login does. */
  requireHeaders?: Record<string, string>;
  /** Request indexes that get 200 and the full body even though they asked for a range. */
  ignoreRangeFor?: number[];
  /**
   * Request indexes that get 206 for a range starting elsewhere (the body matches the Content-Range);
   * a request without a range (or whose range is ignored) gets 206 for byte 1 to the end.
   */
  wrongContentRangeFor?: number[];
  /**
   * Answers every range with at most this many bytes, as `bytes s-e/*` (the total unknown), as
   * streaming servers may: the rest must be asked for, up to the 416 past the end.
   */
  partsOfUnknownTotal?: number;
  /** Default true: a failed If-Range gets 200 and the full body. False: If-Range is ignored. */
  honourIfRange?: boolean;
  /**
   * Send `after` body bytes, then nothing more until `until` resolves, then the rest: a download
   * kept running (and its host's connection busy) for as long as a test needs. The client's stall
   * timeout must outlast the hold. Applies to every response of the route, none once `until` resolved.
   */
  hold?: { after: number; until: Promise<void> };
  /** Server-wide: while this many responses are in flight, answer 503 + Retry-After: 1. */
  maxConnections?: number;
  /** Extra or overriding response headers (Set-Cookie, Accept-Ranges: none, Connection: close…). */
  headers?: Record<string, string | string[]>;
}

export type RouteSpec = ({ body: Buffer } | { file: string }) & {
  quirks?: Quirks;
  /** Called as each request to the route arrives, before it is answered (to observe the client then). */
  onRequest?: (entry: RequestLog) => void;
};

export type Outcome = 'pending' | 'complete' | 'reset' | 'stalled' | 'short' | 'aborted' | 'silent';

export interface RequestLog {
  /** Path without the query string. */
  path: string;
  /** The request target as sent. */
  url: string;
  /** 0-based per route; -1 when no route matched. */
  index: number;
  /** Which TCP connection carried it (1, 2, …), to check keep-alive reuse. */
  connection: number;
  method: string;
  headers: IncomingHttpHeaders;
  range: string | undefined;
  ifRange: string | undefined;
  status: number;
  /** Content bytes written for this request (error texts are not counted). */
  bytesSent: number;
  /** Bytes/s the body was paced at; 0: unthrottled. */
  rate: number;
  outcome: Outcome;
  /** True while the response waits at its `hold` (every byte before it written). */
  held?: boolean;
  startedAt: number;
  finishedAt: number | undefined;
}

export interface QuirkyServer {
  /** http://127.0.0.1:PORT (https:// with `tls`) */
  origin: string;
  url(path: string): string;
  /** Replacing a route starts its quirk counters afresh; the log is kept. */
  route(path: string, spec: RouteSpec): void;
  /** `to` may be relative; it goes into Location as given. */
  redirect(path: string, to: string, status?: 301 | 302 | 303 | 307 | 308): void;
  log: readonly RequestLog[];
  requests(path?: string): RequestLog[];
  bytesSent(path?: string): number;
  /** Responses in flight now (to `path`, or to the whole server). */
  concurrent(path?: string): number;
  maxConcurrent(path?: string): number;
  /** TLS handshakes that failed (a client refusing the certificate), with `tls`. */
  handshakeFailures(): number;
  /** Destroys every socket, stalled and idle keep-alive ones included. */
  close(): Promise<void>;
}

export interface ServerOptions {
  port?: number;
  host?: string;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

interface RedirectRoute {
  kind: 'redirect';
  to: string;
  status: number;
  requests: number;
}

export async function startQuirkyServer(options: ServerOptions = {}): Promise<QuirkyServer> {
  const routes = new Map<string, ContentRoute | RedirectRoute>();
  const onRequest = new Map<string, (entry: RequestLog) => void>();
  const log: RequestLog[] = [];
  const sockets = new Map<Socket, { id: number; closed: Promise<void> }>();
  const flights = new Map<string, { now: number; max: number }>(); // '' is the whole server
  let connections = 0;

  const flight = (key: string): { now: number; max: number } => {
    let f = flights.get(key);
    if (!f) flights.set(key, (f = { now: 0, max: 0 }));
    return f;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const route = routes.get(url) ?? routes.get(path);
    const entry: RequestLog = {
      path, url, index: route ? route.requests++ : -1, connection: sockets.get(req.socket)?.id ?? 0,
      method: req.method ?? 'GET', headers: req.headers, range: req.headers.range,
      ifRange: header(req.headers['if-range']), status: 0, bytesSent: 0, rate: 0, outcome: 'pending',
      startedAt: Date.now(), finishedAt: undefined,
    };
    log.push(entry);
    onRequest.get(path)?.(entry);
    res.once('close', () => {
      entry.finishedAt = Date.now();
      if (entry.outcome === 'pending') entry.outcome = res.writableFinished ? 'complete' : 'aborted';
    });
    const quirks = route?.kind === 'content' ? route.quirks : {};
    // Checked before counting this response: the limit is on responses actually being served.
    if (quirks.maxConnections !== undefined && flight('').now >= quirks.maxConnections) {
      return sendText(res, entry, 503, { 'retry-after': '1' });
    }
    for (const key of ['', path]) {
      const f = flight(key);
      f.max = Math.max(f.max, ++f.now);
    }
    // Out of flight as soon as the client is known to have left: the response's 'close' comes a
    // loop phase after the RST/FIN, by when the client's next request may already be parsed.
    const leave = (): void => {
      req.socket.off('end', leave).off('error', leave);
      res.off('close', leave);
      flight('').now--;
      flight(path).now--;
    };
    req.socket.once('end', leave).once('error', leave);
    res.once('close', leave);

    if (!route) return sendText(res, entry, 404);
    if (route.kind === 'redirect') return sendText(res, entry, route.status, { location: route.to });
    if (quirks.status !== undefined) return sendText(res, entry, quirks.status);
    if (quirks.headStatus !== undefined && entry.method === 'HEAD') return sendText(res, entry, quirks.headStatus);
    const required = Object.entries(quirks.requireHeaders ?? {});
    if (required.some(([name, value]) => req.headers[name] !== value)) {
      return sendText(res, entry, 401, { 'www-authenticate': 'Basic realm="quirky"' });
    }
    const fail = quirks.failFirst;
    if (fail && entry.index < fail.count) {
      return sendText(res, entry, fail.status, fail.retryAfter === undefined ? {} : { 'retry-after': fail.retryAfter });
    }
    if (entry.index < (quirks.silentFirst ?? 0)) return void (entry.outcome = 'silent');
    await serveContent(route, res, entry);
  }

  const listener: RequestListener = (req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Surface helper bugs (a deleted route file…) instead of leaving only a reset to puzzle over.
      console.error('quirky-server:', err);
      res.destroy();
    });
  };
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  let handshakeFailures = 0;
  server.on('tlsClientError', () => handshakeFailures++);
  // Requests carry the TLS socket, which exists once the handshake is done.
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    sockets.set(socket, { id: ++connections, closed });
    void closed.then(() => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const origin = `${options.tls ? 'https' : 'http'}://${host}:${(server.address() as AddressInfo).port}`;

  const requests = (path?: string): RequestLog[] =>
    path === undefined ? [...log] : log.filter((e) => e.path === path || e.url === path);
  let closing: Promise<void> | null = null;

  return {
    origin,
    url: (path) => origin + path,
    route: (path, spec) => {
      routes.set(path, contentRoute(spec));
      if (spec.onRequest) onRequest.set(path, spec.onRequest);
      else onRequest.delete(path);
    },
    redirect: (path, to, status = 302) => void routes.set(path, { kind: 'redirect', to, status, requests: 0 }),
    log,
    requests,
    bytesSent: (path) => requests(path).reduce((sum, e) => sum + e.bytesSent, 0),
    concurrent: (path) => flights.get(path ?? '')?.now ?? 0,
    maxConcurrent: (path) => flights.get(path ?? '')?.max ?? 0,
    handshakeFailures: () => handshakeFailures,
    // Waits for every socket's 'close' too, so the log and counters are final when it resolves.
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        const closed = [...sockets].map(([socket, { closed }]) => (socket.destroy(), closed));
        await Promise.all([stopped, ...closed]);
      })()),
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export interface FileServerOptions {
  files: Record<string, { path: string } | { size: number; seed?: number }>;
  /** Bytes/s per response. */
  throttle?: number;
  /** Default true; false: Range is ignored (200 and the whole body), as many dynamic servers do. */
  ranges?: boolean;
  port?: number;
  host?: string;
}

/** A well-behaved server for benchmarks: file paths are streamed from disk, never held in memory. */
export async function startFileServer(opts: FileServerOptions): Promise<QuirkyServer> {
  const server = await startQuirkyServer({ port: opts.port, host: opts.host });
  const quirks: Quirks = { throttle: opts.throttle ?? 0, ranges: opts.ranges ?? true };
  for (const [path, file] of Object.entries(opts.files)) {
    const spec = 'path' in file ? { file: file.path } : { body: makeContent(file.size, file.seed) };
    server.route(path, { ...spec, quirks });
  }
  return server;
}
