// Who may use `haul serve`. Any web page the user opens could try to reach it, so every request
// must name the server as it is bound (the Host header: a rebound DNS name is refused), come from
// the served UI itself (the Origin header, when a browser sends one; always on a WebSocket), and
// carry the access token (the cookie set when the printed URL was opened, or a Bearer header).
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const ANY_ADDRESS = new Set(['0.0.0.0', '::', '[::]']);

/** A host as it appears in a URL or a Host header: IPv6 addresses in brackets, names in lower case. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host.toLowerCase();
}

/**
 * Every Host header value that names this server: the bound name or address with the port (and
 * without it on port 80). Loopback adds localhost, 127.0.0.1 and [::1]; all addresses (0.0.0.0)
 * add this machine's addresses and name.
 */
export function allowedHosts(bound: string, port: number): Set<string> {
  const names = new Set([urlHost(bound)]);
  if (isLoopback(bound) || ANY_ADDRESS.has(bound)) for (const n of LOOPBACK_NAMES) names.add(n);
  if (ANY_ADDRESS.has(bound)) {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(urlHost(a.address.split('%')[0]!));
  }
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${n}:${port}`);
    if (port === 80) out.add(n);
  }
  return out;
}

/** The origin a browser sends for the UI it loaded from `host` (a Host header already checked). */
export function originOf(host: string): string {
  return `http://${host}`;
}

/** Compares in constant time: a wrong token's first good characters do not make it answer later. */
export function tokenMatches(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are shared by every port of a host: each server's has its port in its name. */
export function cookieName(port: number): string {
  return `haul-token-${port}`;
}

/** One cookie's value from a Cookie header, if there. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined; // not a value this server set
    }
  }
  return undefined;
}

export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer +(\S+)$/i.exec(header ?? '');
  return m?.[1];
}

/** The cookie that carries the token from the page to its assets and its WebSocket, never to another site. */
export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}
