// `haul serve`'s HTTP side: the built renderer as static files (@fastify/static) and the contract
// on one WebSocket path (@fastify/websocket), both behind the same checks (access.ts). Opening the
// printed URL (`/?token=…`) trades the token for an HttpOnly cookie and redirects to `/`, so the
// token never stays in the address bar or the history.
import { existsSync } from 'node:fs';
import type { OutgoingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { WebSocket, type WebSocketServer } from 'ws';
import { z } from 'zod';
import { MAX_FRAME_BYTES, WS_PATH } from '../../shared/api/ws-protocol';
import { HaulError } from '../../shared/errors';
import type { ClientHub } from '../engine/client/client-hub';
import { createHandlers } from '../engine/handlers';
import { bootPage } from './boot-page';
import { acceptedLanguages, firstScreenDrawer } from './first-screen';
import { allowedHosts, bearerToken, cookieName, cookieValue, originOf, tokenCookie, tokenMatches, urlHost } from './access';
import { DEFAULT_OUTBOX_LIMITS, type OutboxLimits } from './client-outbox';
import { deniedPage } from './denied-page';
import { pageCsp, SECURITY_HEADERS } from './security-headers';
import { serveConnection, type ConnectionSocket } from './ws-connection';

export interface WebServerOptions {
  hub: ClientHub;
  /** The address to listen on (loopback unless the user asked otherwise). */
  host: string;
  /** 0: any free port (tests). */
  port: number;
  token: string;
  /** The built renderer (index.html and its assets). */
  uiDir: string;
  limits?: Partial<OutboxLimits>;
  maxFrameBytes?: number;
}

export interface WebServer {
  /** The address to open, with the token. */
  url: string;
  /** The UI's origin (what its pages send as Origin). */
  origin: string;
  port: number;
  /** Bytes waiting to be sent, per connected client (diagnostics and tests). */
  backlogs(): number[];
  close(): Promise<void>;
}

const PageQuery = z.object({ token: z.string().max(1024).optional() });

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  if (!existsSync(join(opts.uiDir, 'index.html'))) {
    throw new HaulError('HAUL_E_NOT_FOUND', `The web UI is not built (no ${join(opts.uiDir, 'index.html')}). Build it with: npm run build:ui`);
  }
  const handlers = createHandlers(opts.hub, { mode: 'web', capabilities: { openFiles: false, pickFolder: false, notifications: false } });
  const limits = { ...DEFAULT_OUTBOX_LIMITS, ...opts.limits };
  const drawer = firstScreenDrawer(opts.uiDir);
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  // Known after listen (the port may be 0 until then).
  let hosts = new Set<string>();
  let port = opts.port;

  const deny = (reply: FastifyReply, status: 401 | 403, reason: 'token' | 'foreign'): FastifyReply =>
    reply.code(status).type('text/html; charset=utf-8').send(deniedPage(reason));

  // First: its own hooks mark upgrade requests, and close the socket of one that is refused.
  await app.register(fastifyWebsocket, { options: { maxPayload: opts.maxFrameBytes ?? MAX_FRAME_BYTES }, preClose: () => closeClients(app.websocketServer) });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(SECURITY_HEADERS);
    const host = (request.headers.host ?? '').toLowerCase();
    if (!hosts.has(host)) return deny(reply, 403, 'foreign');
    const origin = request.headers.origin;
    // A browser sends Origin on every WebSocket and on cross-origin requests; a page's own navigation may have none.
    if ((origin !== undefined || isUpgrade(request)) && origin !== originOf(host)) return deny(reply, 403, 'foreign');
    const given = cookieValue(request.headers.cookie, cookieName(port)) ?? bearerToken(request.headers.authorization);
    if (tokenMatches(given, opts.token)) return;
    // The printed URL: the page itself, with the token in its query (exchanged for the cookie below).
    const query = PageQuery.safeParse(request.query);
    if (request.routeOptions.url === '/' && query.success && tokenMatches(query.data.token, opts.token)) return;
    return deny(reply, 401, 'token');
  });

  await app.register(fastifyStatic, { root: opts.uiDir, prefix: '/', index: false, wildcard: true });

  app.get('/', async (request, reply) => {
    const query = PageQuery.parse(request.query);
    if (query.token !== undefined) {
      // Only a matching token gets this far (the hook); the address without it is what stays in the history.
      return reply.header('set-cookie', tokenCookie(port, opts.token)).header('cache-control', 'no-store').redirect('/', 303);
    }
    // Its head at once, then the first screen drawn with its data: the rows paint before the scripts run.
    const page = await bootPage({ uiDir: opts.uiDir, hub: opts.hub, handlers, drawer: await drawer(), languages: acceptedLanguages(request.headers['accept-language']) });
    // Written by hand: fastify would send the head only with the rest.
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), 'cache-control': 'no-store', 'content-security-policy': pageCsp(page.head), 'content-type': 'text/html; charset=utf-8' });
    res.write(page.head);
    // Listing and drawing keep the event loop for tens of ms: the head leaves first.
    setImmediate(() => {
      page.rest().then(
        (rest) => res.end(rest),
        () => res.destroy(),
      );
    });
  });

  app.get(WS_PATH, { websocket: true }, (socket: ConnectionSocket) => serveConnection(socket, opts.hub, handlers, limits));

  try {
    await app.listen({ host: opts.host, port: opts.port });
  } catch (err) {
    await app.close().catch(() => undefined);
    throw listenError(err, opts.host, opts.port);
  }
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : opts.port;
  hosts = allowedHosts(opts.host, port);
  // Loaded and drawn once before the address is given out: the first page someone opens is not
  // also the code's first run (a tenth of a second more to start).
  await drawer()
    .then((drawn) => bootPage({ uiDir: opts.uiDir, hub: opts.hub, handlers, drawer: drawn, languages: [] }))
    .then((page) => page.rest())
    .catch(() => undefined);
  const shown = `${urlHost(displayHost(opts.host))}:${port}`;
  return {
    url: `http://${shown}/?token=${opts.token}`,
    origin: originOf(shown),
    port,
    backlogs: () => [...app.websocketServer.clients].map((c) => c.bufferedAmount),
    close: () => app.close(),
  };
}

/** All addresses: the printed URL names loopback, which the server answers to as well. */
function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new HaulError('HAUL_E_INVALID_INPUT', `Port ${port} on ${host} is already in use (another haul serve?). Choose another with --port.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new HaulError('HAUL_E_INVALID_INPUT', `${host} is not an address of this computer (--host).`);
  if (code === 'EACCES') return new HaulError('HAUL_E_INVALID_INPUT', `Port ${port} needs administrator rights here; choose one above 1023 with --port.`);
  return err instanceof Error ? err : new Error(String(err));
}

/** Time a client has to answer the closing handshake before its connection is cut. */
const CLOSE_GRACE_MS = 1000;

/**
 * Says goodbye to every client (1001: going away; they reconnect to the next start), and cuts the
 * ones that do not answer soon: a tab that stopped reading must not hold up Ctrl-C (ws alone waits 30 s).
 */
async function closeClients(server: WebSocketServer): Promise<void> {
  const clients = [...server.clients];
  const closed = clients.map((c) => new Promise<void>((resolve) => (c.readyState === WebSocket.CLOSED ? resolve() : c.once('close', () => resolve()))));
  for (const c of clients) c.close(1001, 'Haul is stopping');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(closed), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
  clearTimeout(timer);
  for (const c of clients) c.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function isUpgrade(request: FastifyRequest): boolean {
  return request.headers.upgrade?.toLowerCase() === 'websocket';
}
