// Which requests go through the proxy: all but those to hosts on the bypass list, read the way
// curl reads NO_PROXY (a name matches itself and its subdomains, `.name` and `*.name` too,
// `host:port` only on that port, `*` everything), and what to tell the user when the proxy fails.
import { HaulError } from '../../../shared/errors';
import { SOCKS_PROTOCOLS, socksError } from './socks-connector';

export interface ProxySettings {
  /** http://[user:password@]host:port (or https://, socks5://, socks5h://); '' for none. */
  url: string;
  /** Comma- or space-separated hosts reached directly. */
  bypass: string;
}

/** The proxy's URL, or a clear HAUL_E_INVALID_INPUT. */
export function parseProxyUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    throw new HaulError('HAUL_E_INVALID_INPUT', `Proxy "${raw}" is not a URL (expected http://host:port).`);
  }
  if (url.protocol === 'socks:' || url.protocol === 'socks4:' || url.protocol === 'socks4a:') {
    throw new HaulError('HAUL_E_INVALID_INPUT', `Proxy "${raw}": SOCKS4 is not supported; use socks5h:// (the proxy resolves names) or socks5://.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && !SOCKS_PROTOCOLS.includes(url.protocol)) {
    throw new HaulError('HAUL_E_INVALID_INPUT', `Proxy "${raw}": only http://, https://, socks5:// and socks5h:// proxies are supported.`);
  }
  // (socks5h://host:port has an empty path: not a special scheme for the URL parser.)
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new HaulError('HAUL_E_INVALID_INPUT', `Proxy "${raw}" must be just a scheme, host and port.`);
  }
  return url;
}

interface BypassEntry {
  host: string;
  port: number | null;
}

const bare = (host: string): string => host.replace(/^\[(.*)\]$/, '$1').toLowerCase();

export class ProxyBypass {
  private readonly everything: boolean;
  private readonly entries: BypassEntry[];

  constructor(list: string) {
    const items = list.split(/[\s,]+/).filter((s) => s !== '');
    this.everything = items.includes('*');
    this.entries = items.map(parseEntry);
  }

  matches(url: URL): boolean {
    if (this.everything) return true;
    const host = bare(url.hostname);
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    return this.entries.some((e) => (e.port === null || e.port === port) && (host === e.host || host.endsWith(`.${e.host}`)));
  }
}

function parseEntry(item: string): BypassEntry {
  // `[v6]:port`, `name:port`; a bare IPv6 address has several colons and no port.
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(item) ?? (item.split(':').length === 2 ? /^([^:]+):(\d+)$/.exec(item) : null);
  const host = m ? m[1]! : item;
  return { host: bare(host).replace(/^\*?\./, ''), port: m?.[2] ? Number(m[2]) : null };
}

/** A failure of the proxy itself (unreachable, or refusing the tunnel), worded as such; null otherwise. */
export function proxyError(err: unknown, proxy: URL, target: string): HaulError | null {
  if (SOCKS_PROTOCOLS.includes(proxy.protocol)) return socksError(err, proxy, target);
  const e = err as { code?: string; message?: string } | undefined;
  const refused = /Proxy response \((\d+)\)|Proxy Authentication Required \((\d+)\)/.exec(e?.message ?? '');
  if (refused) {
    const status = Number(refused[1] ?? refused[2]);
    if (status === 407) {
      return new HaulError('HAUL_E_PROXY', `The proxy ${proxy.host} asks for a user name and password (407): give them in the proxy address (http://user:password@host:port).`, { cause: err });
    }
    // 403 and the like: the proxy will not take us there, now or on a retry.
    if (status >= 400 && status < 500) return new HaulError('HAUL_E_PROXY', `The proxy ${proxy.host} refused to connect to ${target} (${status}).`, { cause: err });
    return new HaulError('HAUL_E_NETWORK', `The proxy ${proxy.host} could not connect to ${target} (${status}).`, { cause: err });
  }
  // With a proxy every connection goes to it: failing to connect means failing to reach it.
  const code = e?.code ?? '';
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)) {
    return new HaulError('HAUL_E_NETWORK', `Cannot reach the proxy ${proxy.host} (${code}).`, { cause: err });
  }
  return null;
}
