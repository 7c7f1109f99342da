// The HTTP client of every download, on undici's agents (direct or through a proxy, agents.ts).
// Redirects are followed here (not by an interceptor) so the engine learns the final URL for
// naming and can tell a loop from a long chain.
import { HaulError } from '../../../shared/errors';
import { displayUrl } from '../../../shared/format';
import { Agents } from './agents';
import { basicAuthOf, sameOrigin, userInfo, withoutCredentials } from './credentials';
import { dispatchGet, type BodySource, type RawResponse } from './dispatch-response';
import { proxyError, type ProxySettings } from './proxy-route';
import { tlsError, type TlsTrust } from './tls-trust';
import { DigestSession, parseDigestChallenge } from './digest-auth';
import { TurnBudget } from './turn-budget';

export type ResponseBody = BodySource;
export type Headers = Record<string, string | string[] | undefined>;

export interface HttpClientOptions {
  userAgent: string;
  connectTimeoutMs: number;
  /** No body bytes for this long: the connection is stalled (undici's bodyTimeout). */
  stallTimeoutMs: number;
  /** Hard ceiling of sockets per origin; the host limiter keeps the learned, lower one. */
  connectionsPerOrigin?: number;
  maxRedirects?: number;
  /** Default: Node's bundled roots, certificates checked. */
  tls?: TlsTrust;
  /** Default: no proxy. */
  proxy?: ProxySettings;
}

export interface OpenRequest {
  url: string;
  headers?: Record<string, string>;
  range?: { start: number; end: number | null };
  /** Validator for If-Range (a strong ETag or an HTTP date). */
  ifRange?: string | null;
  signal?: AbortSignal;
  /** Default GET; HEAD asks about the file without its body (the add dialog's preview). */
  method?: 'GET' | 'HEAD';
}

export interface OpenedResponse {
  status: number;
  statusText: string;
  headers: Headers;
  body: ResponseBody;
  finalUrl: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  407: 'Proxy Authentication Required', 408: 'Request Timeout', 410: 'Gone', 416: 'Range Not Satisfiable', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export class HttpClient {
  private agents: Agents;
  /** Agents replaced by a change of connection options, finishing what they carry. */
  private readonly retired = new Set<Agents>();
  /** Shared by every response, so many fast connections cannot hold the event loop together. */
  private readonly budget = new TurnBudget();
  private options: HttpClientOptions;

  /** Throws HAUL_E_INVALID_INPUT for trusted certificates or a proxy address that cannot be used. */
  constructor(options: HttpClientOptions) {
    this.options = options;
    this.agents = this.newAgents();
  }

  /**
   * Applies to requests made after the change. A new connect timeout, certificate trust or proxy
   * needs new connections: new agents take over, the old ones finish their responses and close.
   */
  configure(patch: Partial<HttpClientOptions>): void {
    const before = this.options;
    this.options = { ...before, ...patch };
    const connectLevel = (o: HttpClientOptions): string => JSON.stringify([o.connectTimeoutMs, o.tls ?? null, o.proxy ?? null]);
    if (connectLevel(before) === connectLevel(this.options)) return;
    let next: Agents;
    try {
      next = this.newAgents();
    } catch (err) {
      this.options = before;
      throw err;
    }
    const old = this.agents;
    this.agents = next;
    this.retired.add(old);
    void old.close().catch(() => undefined).finally(() => this.retired.delete(old));
  }

  private newAgents(): Agents {
    const o = this.options;
    return new Agents({ ...o, connectionsPerOrigin: o.connectionsPerOrigin ?? 256 });
  }

  /** GET (or HEAD) with manual redirects. The caller owns the body and must consume or destroy it. */
  async open(req: OpenRequest): Promise<OpenedResponse> {
    const maxRedirects = this.options.maxRedirects ?? 10;
    const seen = new Set<string>();
    let url = req.url;
    let headers = this.buildHeaders(req);
    const credentials = req.url.includes('@') ? userInfo(new URL(req.url)) : null;
    let digestTries = 0;
    for (let hop = 0; ; hop++) {
      seen.add(url);
      // Credentials from the URL go only to its origin (see credentials.ts).
      const digest = credentials && sameOrigin(url, req.url) ? this.digests.get(new URL(url).origin) : undefined;
      const sent = digest ? { ...headers, authorization: digest.authorization(pathOf(url)) } : headers;
      const res = await this.send(url, sent, req.signal, req.method);
      if (res.status === 401 && credentials && sameOrigin(url, req.url) && digestTries < 2) {
        // Digest: answer the challenge and ask again (once more if the nonce went stale meanwhile).
        const challenge = parseDigestChallenge(res.headers['www-authenticate']);
        if (challenge && (digestTries === 0 || challenge.stale)) {
          discardBody(res.body);
          this.digests.set(new URL(url).origin, new DigestSession(challenge, credentials.user, credentials.password));
          digestTries++;
          hop--;
          continue;
        }
      }
      const location = header(res.headers, 'location');
      if (!isRedirect(res.status) || !location) {
        return { status: res.status, statusText: STATUS_TEXT[res.status] ?? '', headers: res.headers, body: res.body, finalUrl: url };
      }
      discardBody(res.body);
      const next = resolveLocation(location, url);
      if (seen.has(next)) {
        throw new HaulError('HAUL_E_REDIRECT_LOOP', `Redirect loop: ${displayUrl(next)} redirects back to itself after ${hop + 1} hop(s).`);
      }
      if (hop + 1 > maxRedirects) {
        throw new HaulError('HAUL_E_TOO_MANY_REDIRECTS', `Too many redirects (more than ${maxRedirects}) starting at ${displayUrl(req.url)}.`);
      }
      if (!sameOrigin(next, url)) headers = withoutCredentials(headers);
      url = next;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.agents, ...this.retired].map((a) => a.destroy().catch(() => undefined)));
  }

  /** Digest challenges per origin, reused by later requests (each segment, each retry). */
  private readonly digests = new Map<string, DigestSession>();

  private buildHeaders(req: OpenRequest): Record<string, string> {
    // Deliberately no Accept-Encoding: a compressed body would break byte ranges and lengths.
    const h: Record<string, string> = { 'user-agent': this.options.userAgent, accept: '*/*' };
    for (const [k, v] of Object.entries(req.headers ?? {})) {
      if (k.toLowerCase() === 'accept-encoding') continue;
      h[k.toLowerCase()] = v;
    }
    if (req.range) h.range = `bytes=${req.range.start}-${req.range.end === null ? '' : req.range.end - 1}`;
    if (req.range && req.ifRange) h['if-range'] = req.ifRange;
    // https://user:password@host/…: Basic auth, unless a header says otherwise.
    const auth = req.url.includes('@') ? basicAuthOf(new URL(req.url)) : null;
    if (auth !== null && !('authorization' in h)) h.authorization = auth;
    return h;
  }

  private async send(url: string, headers: Record<string, string>, signal?: AbortSignal, method?: 'GET' | 'HEAD'): Promise<RawResponse> {
    const target = new URL(url);
    const route = this.agents.route(target);
    try {
      return await dispatchGet(route.dispatcher, {
        url: target,
        headers,
        signal,
        method,
        headersTimeout: this.options.connectTimeoutMs * 2,
        bodyTimeout: this.options.stallTimeoutMs,
        budget: this.budget,
      });
    } catch (err) {
      throw (route.proxy && proxyError(err, route.proxy, target.host)) || networkError(err, url);
    }
  }
}

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

export function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function resolveLocation(location: string, base: string): string {
  let next: URL;
  try {
    // Location arrives as latin1 bytes; real servers sometimes send raw UTF-8 in it.
    next = new URL(redecodeLatin1(location), base);
  } catch {
    throw new HaulError('HAUL_E_INVALID_URL', `Server redirected to an invalid URL: ${location}`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new HaulError('HAUL_E_UNSUPPORTED_PROTOCOL', `Server redirected to an unsupported protocol: ${next.protocol}`);
  }
  next.hash = '';
  return next.href;
}

function redecodeLatin1(s: string): string {
  if (!/[\x80-\xff]/.test(s)) return s;
  const bytes = Buffer.from(s, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return s;
  }
}

/** Maps undici/socket errors to HaulError codes; all but a refused certificate are worth a retry. */
export function networkError(err: unknown, url: string): HaulError {
  if (err instanceof HaulError) return err;
  const e = err as { code?: string; name?: string; message?: string };
  const where = safeHost(url);
  const tls = tlsError(err, where);
  if (tls) return tls;
  switch (e.code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new HaulError('HAUL_E_TIMEOUT', `Connection to ${where} timed out.`, { cause: err });
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new HaulError('HAUL_E_TIMEOUT', `${where} did not answer in time.`, { cause: err });
    case 'UND_ERR_BODY_TIMEOUT':
      return new HaulError('HAUL_E_STALLED', `Download from ${where} stalled (no data received for a while).`, { cause: err });
    case 'ENOTFOUND':
      // The resolver's definite "no such name" (a temporary failure is EAI_AGAIN, a network error).
      return new HaulError('HAUL_E_UNKNOWN_HOST', `Cannot find the server ${safeHost(url, 'hostname')}: no such host name. Check the address.`, { cause: err });
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return new HaulError('HAUL_E_SHORT_BODY', `${where} ended the response before sending all bytes.`, { cause: err });
    default:
      if (e.name === 'AbortError' || e.code === 'UND_ERR_ABORTED') {
        return new HaulError('HAUL_E_CANCELLED', 'Request cancelled.', { cause: err });
      }
      return new HaulError('HAUL_E_NETWORK', networkMessage(e.code, where) ?? `Network error talking to ${where}: ${e.message ?? String(err)}${e.code ? ` (${e.code})` : ''}`, { cause: err });
  }
}

/** The common socket failures in words; null for the rest (their own message is shown). */
function networkMessage(code: string | undefined, where: string): string | null {
  switch (code) {
    case 'ECONNREFUSED':
      return `${where} refused the connection (ECONNREFUSED): no server is listening there, or it is down.`;
    case 'ECONNRESET':
      return `${where} closed the connection abruptly (ECONNRESET).`;
    case 'EPIPE':
      return `${where} closed the connection while the request was sent (EPIPE).`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Cannot reach ${where}: no route to it (${code}); is the network up?`;
    case 'ETIMEDOUT':
      return `Connection to ${where} timed out (ETIMEDOUT).`;
    case 'EAI_AGAIN':
      return `Cannot look up ${where} right now (EAI_AGAIN): the name server did not answer.`;
    default:
      return null;
  }
}

/** The URL's host (with its port) or host name, for messages; the text itself if it does not parse. */
function safeHost(url: string, part: 'host' | 'hostname' = 'host'): string {
  try {
    return new URL(url)[part];
  } catch {
    return url;
  }
}

/** Abandons a response body and its connection. */
export function discardBody(body: ResponseBody): void {
  body.cancel();
}
