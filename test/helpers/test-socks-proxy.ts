// A loopback SOCKS5 proxy (RFC 1928, with RFC 1929 user/password when asked for): it logs each
// CONNECT as it was asked (an IP address, or a name the client left to the proxy to resolve) and
// reaches 127.0.0.1 only. Names are resolved from its own table, never by DNS.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface SocksLogEntry {
  /** 'ipv4', 'domain' or 'ipv6': how the client named the target. */
  addressType: 'ipv4' | 'domain' | 'ipv6';
  host: string;
  port: number;
  authorized: boolean;
}

export interface TestSocksProxy {
  /** socks5h://127.0.0.1:PORT */
  url: string;
  port: number;
  log: SocksLogEntry[];
  /** Clients that started a handshake (a refused one logs no CONNECT). */
  handshakes(): number;
  close(): Promise<void>;
}

export async function startTestSocksProxy(opts: { user?: string; password?: string; names?: Record<string, string> } = {}): Promise<TestSocksProxy> {
  const log: SocksLogEntry[] = [];
  const sockets = new Set<Socket>();
  const needAuth = opts.user !== undefined;
  let handshakes = 0;

  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buf = Buffer.alloc(0);
    let stage: 'greeting' | 'auth' | 'request' | 'open' = 'greeting';
    let authorized = !needAuth;
    const reply = (code: number): void => void client.end(Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]));

    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      if (stage === 'greeting') {
        if (buf.length < 2 || buf.length < 2 + buf[1]!) return;
        handshakes++;
        const methods = [...buf.subarray(2, 2 + buf[1]!)];
        buf = buf.subarray(2 + buf[1]!);
        const method = needAuth ? 2 : 0;
        if (!methods.includes(method)) return void client.end(Buffer.from([5, 0xff]));
        client.write(Buffer.from([5, method]));
        stage = needAuth ? 'auth' : 'request';
      }
      if (stage === 'auth') {
        if (buf.length < 2) return;
        const ulen = buf[1]!;
        if (buf.length < 3 + ulen || buf.length < 3 + ulen + buf[2 + ulen]!) return;
        const user = buf.subarray(2, 2 + ulen).toString();
        const password = buf.subarray(3 + ulen, 3 + ulen + buf[2 + ulen]!).toString();
        buf = buf.subarray(3 + ulen + buf[2 + ulen]!);
        authorized = user === opts.user && password === (opts.password ?? '');
        client.write(Buffer.from([1, authorized ? 0 : 1]));
        if (!authorized) return void client.end();
        stage = 'request';
      }
      if (stage === 'request') {
        if (buf.length < 5) return;
        const atyp = buf[3]!;
        const addrLen = atyp === 1 ? 4 : atyp === 4 ? 16 : 1 + buf[4]!;
        if (buf.length < 4 + addrLen + 2) return;
        const addr = buf.subarray(4, 4 + addrLen);
        const port = buf.readUInt16BE(4 + addrLen);
        const rest = buf.subarray(4 + addrLen + 2);
        const entry: SocksLogEntry =
          atyp === 1 ? { addressType: 'ipv4', host: [...addr].join('.'), port, authorized }
          : atyp === 4 ? { addressType: 'ipv6', host: addr.toString('hex'), port, authorized }
          : { addressType: 'domain', host: addr.subarray(1).toString(), port, authorized };
        log.push(entry);
        stage = 'open';
        client.off('data', onData);
        const ip = entry.addressType === 'domain' ? opts.names?.[entry.host] : entry.host;
        if (buf[1] !== 1) return reply(7); // only CONNECT
        if (ip !== '127.0.0.1') return reply(ip === undefined ? 4 : 2); // host unreachable / not allowed
        const upstream = connect(port, ip);
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        let connected = false;
        upstream.once('connect', () => {
          connected = true;
          client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, (port >> 8) & 0xff, port & 0xff]));
          if (rest.length > 0) upstream.write(rest);
          client.pipe(upstream).pipe(client);
        });
        upstream.on('error', () => (connected ? client.destroy() : reply(5)));
        client.on('close', () => upstream.destroy());
      }
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `socks5h://127.0.0.1:${port}`,
    port,
    log,
    handshakes: () => handshakes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
