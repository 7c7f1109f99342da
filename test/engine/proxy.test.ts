// Downloads through an HTTP proxy on loopback: http:// URLs forwarded, https:// URLs tunnelled,
// credentials, the bypass list, and clear errors when the proxy is the problem.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../helpers/engine-harness';
import { useProxyFixture } from '../helpers/proxy-fixture';
import { startTestProxy, type TestProxy } from '../helpers/test-proxy';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;

let proxy: TestProxy;
const body = makeContent(2 * MiB + 5, 51);
const t = useProxyFixture(body, () => proxy?.close());

describe('through a proxy', () => {
  it('forwards http:// downloads to the proxy, several connections at once', async () => {
    proxy = await startTestProxy();
    const job = await t.fetchVia({ proxyUrl: proxy.url }, t.plain.url('/p.bin'));
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(proxy.log.every((e) => e.method === 'GET' && e.target.startsWith(`${t.plain.origin}/p.bin`))).toBe(true);
    expect(proxy.log.length).toBe(t.plain.requests('/p.bin').length);
    expect(t.plain.requests('/p.bin').filter((r) => r.range !== undefined).length).toBeGreaterThan(1);
  });

  it('tunnels https:// downloads with CONNECT, the server certificate still checked', async () => {
    proxy = await startTestProxy();
    const job = await t.fetchVia({ proxyUrl: proxy.url }, t.secure.url('/s.bin'));
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const port = new URL(t.secure.origin).port;
    expect(proxy.log.length).toBeGreaterThan(1);
    expect(proxy.log.every((e) => e.method === 'CONNECT' && e.target === `127.0.0.1:${port}`)).toBe(true);
  });

  it('sends the credentials given in the proxy address, both ways', async () => {
    proxy = await startTestProxy({ user: 'ann', password: 'p@ss word' });
    const withAuth = proxy.url.replace('http://', 'http://ann:p%40ss%20word@');
    for (const url of [t.plain.url('/p.bin'), t.secure.url('/s.bin')]) {
      const job = await t.fetchVia({ proxyUrl: withAuth }, url, 2);
      expect(job.error).toBeNull();
      expect(await sha256File(job.path!)).toBe(sha256(body));
      await t.h!.cleanup();
      t.h = null;
    }
    expect(proxy.log.every((e) => e.authorized)).toBe(true);
  });

  it('without credentials the 407 fails the download at once, saying what the proxy wants', async () => {
    proxy = await startTestProxy({ user: 'ann', password: 'secret' });
    const job = await t.fetchVia({ proxyUrl: proxy.url }, t.secure.url('/s.bin'));
    expect(job.error?.code).toBe('HAUL_E_PROXY');
    expect(job.error?.message).toMatch(/^The proxy 127\.0\.0\.1:\d+ asks for a user name and password \(407\)/);
    expect(proxy.log).toHaveLength(1); // not retried
    await t.h!.cleanup();

    const forwarded = await t.fetchVia({ proxyUrl: proxy.url }, t.plain.url('/p.bin'));
    expect(forwarded.status).toBe('failed');
    expect(forwarded.error?.code).toBe('HAUL_E_PROXY');
    expect(proxy.log).toHaveLength(2);
  });

  it('reaches hosts on the bypass list directly', async () => {
    proxy = await startTestProxy();
    const job = await t.fetchVia({ proxyUrl: proxy.url, proxyBypass: 'example.com, 127.0.0.1' }, t.plain.url('/p.bin'));
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(proxy.log).toHaveLength(0);
  });

  it('an unreachable proxy is named in the error', async () => {
    proxy = await startTestProxy();
    const gone = proxy.url;
    await proxy.close();
    const job = await t.fetchVia({ proxyUrl: gone, maxTries: 2 }, t.plain.url('/p.bin'));
    expect(job.status).toBe('failed');
    expect(job.error?.message).toContain(`Cannot reach the proxy ${new URL(gone).host} (ECONNREFUSED)`);
  });

  it('a proxy set while the engine runs takes the next downloads, and clearing it goes direct again', async () => {
    proxy = await startTestProxy();
    const first = await t.fetchVia({}, t.plain.url('/p.bin'), 2);
    expect(first.status).toBe('completed');
    expect(proxy.log).toHaveLength(0);
    t.h!.engine.setSettings({ proxyUrl: proxy.url });
    const { added } = t.h!.engine.addJobs([{ url: t.plain.url('/p.bin'), connections: 2 }]);
    const second = await t.h!.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(second.status).toBe('completed');
    expect(await sha256File(second.path!)).toBe(sha256(body));
    const proxied = proxy.log.length;
    expect(proxied).toBeGreaterThan(0);
    t.h!.engine.setSettings({ proxyUrl: '' });
    const third = t.h!.engine.addJobs([{ url: t.plain.url('/p.bin'), connections: 2 }]).added[0]!;
    expect((await t.h!.waitFor(third.id, ['completed', 'failed'])).status).toBe('completed');
    expect(proxy.log).toHaveLength(proxied);
  });

  it('refuses proxy addresses it cannot use, keeping the setting as it was', async () => {
    proxy = await startTestProxy();
    t.h = await makeHarness();
    expect(() => t.h!.engine.setSettings({ proxyUrl: 'socks4://127.0.0.1:1080' })).toThrow(/SOCKS4 is not supported; use socks5h:\/\//);
    expect(() => t.h!.engine.setSettings({ proxyUrl: 'ftp://127.0.0.1:21' })).toThrow(/only http:\/\/, https:\/\/, socks5:\/\/ and socks5h:\/\/ proxies/);
    expect(() => t.h!.engine.setSettings({ proxyUrl: 'http://127.0.0.1:3128/some/path' })).toThrow(/just a scheme, host and port/);
    expect(() => t.h!.engine.setSettings({ proxyUrl: 'http://[bad' })).toThrow(/is not a URL/);
    expect(t.h.engine.getSettings().proxyUrl).toBe('');
    // A bare host:port is taken as http://host:port.
    expect(t.h.engine.setSettings({ proxyUrl: proxy.url.replace('http://', '') }).proxyUrl).toBe(proxy.url.replace('http://', ''));
  });
});
