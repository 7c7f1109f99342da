// The undici dispatchers behind the HTTP client: one Agent for direct connections and, with a
// proxy, one ProxyAgent, picked per request by the bypass list. http:// URLs go to the proxy as
// plain forwarded requests and only https:// ones through CONNECT tunnels: many proxies allow
// CONNECT to port 443 alone. A SOCKS5 proxy is an ordinary Agent whose connections open through it.
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { SOCKS_PROTOCOLS, socksConnector } from './socks-connector';
import { parseProxyUrl, ProxyBypass, type ProxySettings } from './proxy-route';
import { tlsConnectOptions, type TlsTrust } from './tls-trust';

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

export class Agents {
  private readonly direct: Agent;
  private readonly proxied: { agent: Dispatcher; url: URL; bypass: ProxyBypass } | null = null;

  /** Throws HAUL_E_INVALID_INPUT for trusted certificates or a proxy address that cannot be used. */
  constructor(o: AgentOptions) {
    const tls = o.tls ? tlsConnectOptions(o.tls) : {};
    const common = {
      connections: o.connectionsPerOrigin,
      connectTimeout: o.connectTimeoutMs,
      headersTimeout: o.connectTimeoutMs * 2,
      bodyTimeout: o.stallTimeoutMs,
      keepAliveTimeout: 10_000,
      pipelining: 1,
    };
    const proxyUrl = o.proxy && o.proxy.url.trim() !== '' ? parseProxyUrl(o.proxy.url.trim()) : null;
    this.direct = new Agent({ ...common, connect: tls });
    if (proxyUrl) {
      const agent = SOCKS_PROTOCOLS.includes(proxyUrl.protocol)
        ? new Agent({ ...common, connect: socksConnector(proxyUrl, tls, o.connectTimeoutMs) })
        : new ProxyAgent({ ...common, uri: proxyUrl.href, requestTls: tls, proxyTls: tls, proxyTunnel: false });
      this.proxied = { agent, url: proxyUrl, bypass: new ProxyBypass(o.proxy!.bypass) };
    }
  }

  route(url: URL): Route {
    const p = this.proxied;
    if (!p || p.bypass.matches(url)) return { dispatcher: this.direct, proxy: null };
    return { dispatcher: p.agent, proxy: p.url };
  }

  /** Finishes what is in flight, then closes. */
  async close(): Promise<void> {
    await Promise.all([this.direct.close(), this.proxied?.agent.close()]);
  }

  async destroy(): Promise<void> {
    await Promise.all([this.direct.destroy(), this.proxied?.agent.destroy()]);
  }
}
