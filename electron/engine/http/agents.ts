// The undici dispatchers behind the HTTP client: direct connections and, with a proxy, proxied
// ones, picked per request by the bypass list. http:// URLs go to an HTTP proxy as plain
// forwarded requests and only https:// ones through CONNECT tunnels: many proxies allow CONNECT
// to port 443 alone. A SOCKS5 proxy is an ordinary Agent whose connections open through it.
// Each dispatcher is made on first use: the TLS trust store (Node's roots, the system's, the
// user's) takes tens of milliseconds to build, which a run of http:// downloads never needs.
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { ConnectionOptions } from 'node:tls';
import { parseProxyUrl, ProxyBypass, type ProxySettings } from './proxy-route';
import { SOCKS_PROTOCOLS, socksConnector } from './socks-connector';
import { HaulError } from '../../../shared/errors';
import { isSealed } from '../secrets/secret-box';
import { checkTrust, tlsConnectOptions, type TlsTrust } from './tls-trust';

export interface AgentOptions {
  connectionsPerOrigin: number;
  connectTimeoutMs: number;
  stallTimeoutMs: number;
  tls?: TlsTrust;
  proxy?: ProxySettings;
}

export interface Route {
  dispatcher: Dispatcher;
  /** The proxy this request goes through, if any. */
  proxy: URL | null;
}

type Kind = 'direct-http' | 'direct-https' | 'proxy-http' | 'proxy-https';

export class Agents {
  private readonly made = new Map<Kind, Dispatcher>();
  private readonly proxy: { url: URL; bypass: ProxyBypass } | null = null;
  private secure: ConnectionOptions | null = null;

  /** Throws HAUL_E_INVALID_INPUT for trusted certificates or a proxy address that cannot be used. */
  constructor(private readonly o: AgentOptions) {
    if (o.tls) checkTrust(o.tls);
    const proxyUrl = o.proxy && o.proxy.url.trim() !== '' ? parseProxyUrl(o.proxy.url.trim()) : null;
    if (proxyUrl) this.proxy = { url: proxyUrl, bypass: new ProxyBypass(o.proxy!.bypass) };
  }

  route(url: URL): Route {
    const https = url.protocol === 'https:';
    const p = this.proxy;
    if (!p || p.bypass.matches(url)) return { dispatcher: this.get(https ? 'direct-https' : 'direct-http'), proxy: null };
    if (isSealed(p.url.password)) throw proxyPasswordSealed(p.url);
    return { dispatcher: this.get(https ? 'proxy-https' : 'proxy-http'), proxy: p.url };
  }

  /** Finishes what is in flight, then closes. */
  async close(): Promise<void> {
    await Promise.all([...this.made.values()].map((d) => d.close()));
  }

  async destroy(): Promise<void> {
    await Promise.all([...this.made.values()].map((d) => d.destroy()));
  }

  private get(kind: Kind): Dispatcher {
    let d = this.made.get(kind);
    if (!d) {
      d = this.make(kind);
      this.made.set(kind, d);
    }
    return d;
  }

  private make(kind: Kind): Dispatcher {
    const o = this.o;
    const common = {
      connections: o.connectionsPerOrigin,
      connectTimeout: o.connectTimeoutMs,
      headersTimeout: o.connectTimeoutMs * 2,
      bodyTimeout: o.stallTimeoutMs,
      keepAliveTimeout: 10_000,
      pipelining: 1,
    };
    const targetTls = kind.endsWith('https') ? this.tls() : {};
    if (kind.startsWith('direct')) return new Agent({ ...common, connect: targetTls });
    const url = this.proxy!.url;
    if (SOCKS_PROTOCOLS.includes(url.protocol)) return new Agent({ ...common, connect: socksConnector(url, targetTls, o.connectTimeoutMs) });
    const proxyTls = url.protocol === 'https:' ? this.tls() : {};
    return new ProxyAgent({ ...common, uri: url.href, requestTls: targetTls, proxyTls, proxyTunnel: false });
  }

  private tls(): ConnectionOptions {
    this.secure ??= this.o.tls ? tlsConnectOptions(this.o.tls) : {};
    return this.secure;
  }
}

/**
 * A proxy password sealed by the desktop app, in settings this process cannot open (the CLI):
 * never sent to the proxy as it is, and never a reason to go around the proxy either.
 */
function proxyPasswordSealed(proxy: URL): HaulError {
  return new HaulError(
    'HAUL_E_PROXY',
    `The password of the proxy ${proxy.host} in the settings is sealed by Haul's desktop app and cannot be opened here: download it in the desktop app, or give the proxy here (--proxy).`,
  );
}
