// A loopback server that asks for HTTP Digest authentication (RFC 7616) as routers and NAS boxes
// do, checks every request's proof against the password it knows, and passes the good ones
// (Range and all) to a backend server. Its nonce can be made to expire (stale=true).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DigestGate {
  origin: string;
  url(path: string): string;
  /** Authorization headers as they arrived, and whether each proof was right. */
  log: { authorization: string | undefined; ok: boolean }[];
  /** Issue a new nonce: the old one is answered 401 stale=true from now on. */
  rotateNonce(): void;
  close(): Promise<void>;
}

export async function startDigestGate(opts: { backend: string; user: string; password: string; algorithm?: 'MD5' | 'SHA-256'; qop?: boolean }): Promise<DigestGate> {
  const algorithm = opts.algorithm ?? 'MD5';
  const realm = 'haul test';
  let nonce = randomBytes(8).toString('hex');
  const old = new Set<string>();
  const log: DigestGate['log'] = [];
  const hash = (s: string): string => createHash(algorithm === 'SHA-256' ? 'sha256' : 'md5').update(s).digest('hex');

  const check = (auth: string | undefined, method: string): 'ok' | 'stale' | 'bad' => {
    if (!auth?.startsWith('Digest ')) return 'bad';
    const p = new Map<string, string>();
    for (const m of auth.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) p.set(m[1]!, m[2] ?? m[3]!);
    if (p.get('username') !== opts.user || p.get('realm') !== realm) return 'bad';
    const ha1 = hash(`${opts.user}:${realm}:${opts.password}`);
    const ha2 = hash(`${method}:${p.get('uri')}`);
    const expected = opts.qop === false
      ? hash(`${ha1}:${p.get('nonce')}:${ha2}`)
      : hash(`${ha1}:${p.get('nonce')}:${p.get('nc')}:${p.get('cnonce')}:${p.get('qop')}:${ha2}`);
    if (p.get('response') !== expected) return 'bad';
    if (p.get('nonce') !== nonce) return old.has(p.get('nonce')!) ? 'stale' : 'bad';
    return 'ok';
  };
  const challenge = (stale: boolean): string =>
    `Digest realm="${realm}", nonce="${nonce}", opaque="0123", algorithm=${algorithm}${opts.qop === false ? '' : ', qop="auth"'}${stale ? ', stale=true' : ''}`;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const verdict = check(req.headers.authorization, req.method ?? 'GET');
    log.push({ authorization: req.headers.authorization, ok: verdict === 'ok' });
    if (verdict !== 'ok') {
      res.writeHead(401, { 'www-authenticate': ['Basic realm="old"', challenge(verdict === 'stale')], 'content-length': '12' }).end('unauthorized');
      return;
    }
    const headers = { ...req.headers };
    delete headers.authorization;
    const up = request(`${opts.backend}${req.url}`, { method: req.method, headers }, (backendRes) => {
      res.writeHead(backendRes.statusCode ?? 502, backendRes.headers);
      backendRes.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => origin + path,
    log,
    rotateNonce: () => {
      old.add(nonce);
      nonce = randomBytes(8).toString('hex');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
