// Connections through a SOCKS5 proxy (Tor, `ssh -D`, many VPN clients) for an ordinary undici
// Agent, so every timeout and pool setting of direct connections applies unchanged. The `socks`
// package speaks the protocol; this opens the tunnel and, for https, TLS through it with the
// certificate checked as on a direct connection.
// socks5h:// lets the proxy resolve host names (nothing leaks to the local DNS); socks5://
// resolves them here first, as curl does.
import { lookup } from 'node:dns';
import { isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';
import { HaulError } from '../../../shared/errors';
import { userInfo } from './credentials';

export const SOCKS_PROTOCOLS = ['socks5:', 'socks5h:'];

/** An undici `connect` function that opens each connection through the proxy. */
export function socksConnector(proxy: URL, tls: ConnectionOptions, timeoutMs: number): buildConnector.connector {
  const remoteDns = proxy.protocol === 'socks5h:';
  return (opts, callback) => {
    const host = unbracket(opts.hostname);
    const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
    const target = remoteDns || isIP(host) ? Promise.resolve(host) : resolveHere(host);
    void target.then((h) => tunnel(proxy, h, port, timeoutMs)).then(
      (socket) => {
        if (opts.protocol !== 'https:') return callback(null, socket);
        const servername = opts.servername ?? (isIP(host) ? undefined : host);
        const secure = tlsConnect({ ...tls, socket, servername, ALPNProtocols: ['http/1.1'] });
        secure.once('secureConnect', () => callback(null, secure));
        secure.once('error', (err) => callback(err, null));
      },
      (err: unknown) => callback(err as Error, null),
    );
  };
}

/** `[::1]` → `::1`: URLs bracket IPv6 addresses, sockets take them bare. */
const unbracket = (host: string): string => host.replace(/^\[(.*)\]$/, '$1');

function resolveHere(host: string): Promise<string> {
  return new Promise((resolve, reject) => lookup(host, (err, address) => (err ? reject(err) : resolve(address))));
}

async function tunnel(proxy: URL, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const credentials = userInfo(proxy);
  // Loaded on first use: most runs have no SOCKS proxy and need not pay for the module at start-up.
  const { SocksClient } = await import('socks');
  const { socket } = await SocksClient.createConnection({
    proxy: {
      host: unbracket(proxy.hostname),
      port: Number(proxy.port) || 1080,
      type: 5,
      ...(credentials && { userId: credentials.user, password: credentials.password }),
    },
    command: 'connect',
    destination: { host, port },
    timeout: timeoutMs,
  });
  return socket;
}

/** What a SOCKS failure means for the user; null when it is not one. */
export function socksError(err: unknown, proxy: URL, target: string): HaulError | null {
  const message = (err as Error | undefined)?.message ?? '';
  if (/Socks5 Authentication failed|no accepted authentication type/i.test(message)) {
    const given = proxy.username ? 'refused the user name and password' : 'asks for a user name and password';
    return new HaulError('HAUL_E_PROXY', `The SOCKS proxy ${proxy.host} ${given}: give them in the proxy address (socks5h://user:password@host:port).`, { cause: err });
  }
  const rejected = /Socks5 proxy rejected connection - (\w+)/.exec(message);
  if (rejected) {
    // The proxy is there but will not take us: a ruleset refusal is final; an unreachable host may not be.
    const code = /NotAllowed/i.test(rejected[1]!) ? 'HAUL_E_PROXY' : 'HAUL_E_NETWORK';
    return new HaulError(code, `The SOCKS proxy ${proxy.host} could not connect to ${target} (${rejected[1]}).`, { cause: err });
  }
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|Proxy connection timed out/.test(message)) {
    return new HaulError('HAUL_E_NETWORK', `Cannot reach the SOCKS proxy ${proxy.host} (${message}).`, { cause: err });
  }
  if (/Socket closed|Negotiation error|invalid Socks5/i.test(message)) {
    return new HaulError('HAUL_E_PROXY', `The SOCKS proxy ${proxy.host} failed: ${message}.`, { cause: err });
  }
  return null;
}
