// `haul get` through a proxy: --proxy, the environment's proxy variables as curl reads them,
// --no-proxy, and a clear usage error for a proxy address it cannot use.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import { startTestProxy, type TestProxy } from '../helpers/test-proxy';
import { startTestSocksProxy } from '../helpers/test-socks-proxy';
import { startQuirkyServer } from '../helpers/quirky-server';
import { REFUSALS_CA_FILE, TEST_CA_FILE, TEST_SERVER_TLS, WRONG_HOST_TLS } from '../helpers/tls-fixtures';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

let proxy: TestProxy;
const body = makeContent(600_000, 61);

const t = useCliFixture('haul-proxy-');
beforeAll(async () => {
  t.server.route('/x.bin', { body });
  proxy = await startTestProxy();
});
beforeEach(() => {
  proxy.log.length = 0;
});
afterAll(async () => {
  await proxy.close();
});

async function expectDownloaded(r: Awaited<ReturnType<typeof runCli>>): Promise<void> {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(await sha256File(r.lines.find((l) => l.type === 'completed')!.path as string)).toBe(sha256(body));
}

describe('haul get through a proxy', () => {
  it('--proxy sends the downloads through it', async () => {
    await expectDownloaded(await runCli([...t.getArgs('flag'), '--proxy', proxy.url, t.server.url('/x.bin')]));
    expect(proxy.log.length).toBeGreaterThan(0);
  });

  it('takes the proxy from $HTTP_PROXY, and --proxy "" goes direct anyway', async () => {
    await expectDownloaded(await runCli([...t.getArgs('env'), t.server.url('/x.bin')], { env: { HTTP_PROXY: proxy.url } }));
    expect(proxy.log.length).toBeGreaterThan(0);
    proxy.log.length = 0;
    await expectDownloaded(await runCli([...t.getArgs('env-off'), '--proxy', '', t.server.url('/x.bin')], { env: { HTTP_PROXY: proxy.url } }));
    expect(proxy.log).toHaveLength(0);
  });

  it('--no-proxy and $NO_PROXY reach the listed hosts directly', async () => {
    await expectDownloaded(await runCli([...t.getArgs('bypass'), '--proxy', proxy.url, '--no-proxy', 'localhost,127.0.0.1', t.server.url('/x.bin')]));
    await expectDownloaded(await runCli([...t.getArgs('bypass-env'), t.server.url('/x.bin')], { env: { https_proxy: proxy.url, NO_PROXY: '127.0.0.1' } }));
    expect(proxy.log).toHaveLength(0);
  });

  it('--proxy and $ALL_PROXY take a SOCKS5 proxy, and nothing extra is printed', async () => {
    const socks = await startTestSocksProxy();
    try {
      const r = await runCli([...t.getArgs('socks'), '--proxy', socks.url, t.server.url('/x.bin')]);
      await expectDownloaded(r);
      expect(r.stderr).toBe('');
      await expectDownloaded(await runCli([...t.getArgs('socks-env'), t.server.url('/x.bin')], { env: { ALL_PROXY: socks.url.replace('socks5h:', 'socks5:') } }));
      expect(socks.log.length).toBeGreaterThan(1);
      expect(new Set(socks.log.map((e) => e.host))).toEqual(new Set(['127.0.0.1']));
    } finally {
      await socks.close();
    }
  });

  it('https:// through it is a tunnel: the certificate is checked end to end, and the proxy sees no request', async () => {
    const [secure, wrongHost] = await Promise.all([startQuirkyServer({ tls: TEST_SERVER_TLS }), startQuirkyServer({ tls: WRONG_HOST_TLS })]);
    try {
      secure.route('/s.bin', { body });
      wrongHost.route('/s.bin', { body });
      const hostOf = (url: string): string => new URL(url).host;
      // The proxy is no authority: the server's own certificate is checked, through the tunnel.
      const untrusted = await runCli([...t.getArgs('tls-untrusted'), '--proxy', proxy.url, secure.url('/s.bin')]);
      expect(untrusted.code).toBe(1);
      expect(untrusted.lines.find((l) => l.type === 'failed')!.error).toMatchObject({ code: 'HAUL_E_TLS', message: expect.stringMatching(/authority that is not trusted/) });
      expect(secure.handshakeFailures()).toBe(1);
      // …against the server's host name, not the proxy's.
      const wrong = await runCli([...t.getArgs('tls-wrong-host'), '--proxy', proxy.url, '--ca-certificate', REFUSALS_CA_FILE, wrongHost.url('/s.bin')]);
      expect(wrong.lines.find((l) => l.type === 'failed')!.error).toMatchObject({ code: 'HAUL_E_TLS', message: expect.stringMatching(/issued for another host name/) });
      // Trusted: downloaded through the tunnel, several connections, the proxy only ever asked to CONNECT.
      await expectDownloaded(await runCli([...t.getArgs('tls-ok'), '--proxy', proxy.url, '--ca-certificate', TEST_CA_FILE, '-x', '4', secure.url('/s.bin')]));
      expect(secure.requests('/s.bin').length).toBeGreaterThan(0);
      expect(proxy.log.length).toBeGreaterThan(2);
      expect(new Set(proxy.log.map((e) => `${e.method} ${e.target}`))).toEqual(new Set([`CONNECT ${hostOf(secure.origin)}`, `CONNECT ${hostOf(wrongHost.origin)}`]));
    } finally {
      await Promise.all([secure.close(), wrongHost.close()]);
    }
  });

  it('a proxy address it cannot use is a usage error that says where it came from', async () => {
    const r1 = await runCli([...t.getArgs('bad'), '--proxy', 'socks4://127.0.0.1:1', t.server.url('/x.bin')]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('haul: invalid proxy in --proxy: Proxy "socks4://127.0.0.1:1": SOCKS4 is not supported; use socks5h:// (the proxy resolves names) or socks5://.');
    const r2 = await runCli([...t.getArgs('bad-env'), t.server.url('/x.bin')], { env: { ALL_PROXY: 'http://127.0.0.1:1/path' } });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('haul: invalid proxy in $ALL_PROXY');
  });
});
