// `--load-cookies`: a cookies.txt in the Netscape format that browsers' export extensions, curl,
// wget and aria2 use, so downloads behind a login work from the command line. Each download gets
// the cookies whose domain, path, scheme and expiry match its URL, as a browser would send them.
import { UsageError } from './args';

export interface Cookie {
  domain: string;
  /** The cookie also goes to subdomains (a leading dot or the TRUE flag). */
  subdomains: boolean;
  path: string;
  secure: boolean;
  /** Seconds since the epoch; 0 for a session cookie. */
  expires: number;
  name: string;
  value: string;
}

/** The cookies of a cookies.txt; a line that is not one is a usage error naming its number. */
export function parseCookiesFile(text: string, file: string): Cookie[] {
  const cookies: Cookie[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    // curl marks HttpOnly cookies with this prefix on an otherwise normal line.
    const line = raw.startsWith('#HttpOnly_') ? raw.slice('#HttpOnly_'.length) : raw;
    if (line.trim() === '' || line.startsWith('#')) return;
    const f = line.split('\t');
    const expires = Number(f[4]);
    if (f.length < 7 || !f[0] || !f[2]?.startsWith('/') || !Number.isFinite(expires)) {
      throw new UsageError(`--load-cookies ${file}: line ${i + 1} is not a cookie (expected 7 tab-separated fields: domain, subdomains, path, secure, expiry, name, value)`);
    }
    const domain = f[0].toLowerCase();
    cookies.push({
      domain: domain.replace(/^\./, ''),
      subdomains: domain.startsWith('.') || f[1]!.toUpperCase() === 'TRUE',
      path: f[2],
      secure: f[3]!.toUpperCase() === 'TRUE',
      expires,
      name: f[5]!,
      value: f.slice(6).join('\t'),
    });
  });
  return cookies;
}

function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** The Cookie header a browser would send to `url` (longest paths first), or null when none match. */
export function cookieHeaderFor(cookies: readonly Cookie[], url: string, nowSeconds = Date.now() / 1000): string | null {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  const matching = cookies.filter(
    (c) =>
      (host === c.domain || (c.subdomains && host.endsWith(`.${c.domain}`))) &&
      pathMatches(c.path, u.pathname) &&
      (!c.secure || u.protocol === 'https:') &&
      (c.expires === 0 || c.expires > nowSeconds),
  );
  if (matching.length === 0) return null;
  matching.sort((a, b) => b.path.length - a.path.length);
  return matching.map((c) => `${c.name}=${c.value}`).join('; ');
}
