// Downloads through a SOCKS5 proxy on loopback (Tor, `ssh -D`): names resolved by the proxy with
// socks5h://, addresses sent as they are with socks5://, https with the certificate checked,
// credentials, the bypass list, and clear errors when the proxy is the problem.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../helpers/engine-harness';
import { useProxyFixture } from '../helpers/proxy-fixture';
import type { QuirkyServer } from '../helpers/quirky-server';
import { startTestSocksProxy, type TestSocksProxy } from '../helpers/test-socks-proxy';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
let proxy: TestSocksProxy | null = null;
const body = makeContent(2 * MiB + 7, 61);
const t = useProxyFixture(body, () => proxy?.close());

/** The same server under a name only the proxy knows (it resolves names from its own table). */
const named = (server: QuirkyServer, path: string): string => `${server.origin.replace('127.0.0.1', 'files.haul.test')}${path}`;

describe('through a SOCKS5 proxy', () => {
  it('socks5h:// leaves the name to the proxy, several connections at once', async () => {
    proxy = await startTestSocksProxy({ names: { 'files.haul.test': '127.0.0.1' } });
    const job = await t.fetchVia({ proxyUrl: proxy.url }, named(t.plain, '/p.bin'));
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const port = Number(new URL(t.plain.origin).port);
    expect(proxy.log.length).toBeGreaterThan(1);
    expect(proxy.log.every((e) => e.addressType === 'domain' && e.host === 'files.haul.test' && e.port === port)).toBe(true);
    expect(t.plain.requests('/p.bin').filter((r) => r.range !== undefined).length).toBeGreaterThan(1);
  });

  it('socks5:// sends the address itself', async () => {
    proxy = await startTestSocksProxy();
    const job = await t.fetchVia({ proxyUrl: proxy.url.replace('socks5h:', 'socks5:') }, t.plain.url('/p.bin'), 2);
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(proxy.log.every((e) => e.addressType === 'ipv4' && e.host === '127.0.0.1')).toBe(true);
  });

  it('https:// goes through the tunnel with the server certificate checked', async () => {
    proxy = await startTestSocksProxy({ names: { 'files.haul.test': '127.0.0.1' } });
    const job = await t.fetchVia({ proxyUrl: proxy.url }, t.secure.url('/s.bin'));
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(proxy.log.length).toBeGreaterThan(0);
    await t.h!.cleanup();
    // Without the test CA the same download is refused, through the proxy as directly.
    t.h = await makeHarness({}, { proxyUrl: proxy.url });
    const refused = await t.h.waitFor(t.h.engine.addJobs([{ url: t.secure.url('/s.bin') }]).added[0]!.id, ['completed', 'failed']);
    expect(refused.error?.code).toBe('HAUL_E_TLS');
  });

  it('sends the credentials of the proxy address; wrong or missing ones fail at once, saying so', async () => {
    proxy = await startTestSocksProxy({ user: 'ann', password: 'p@ss word' });
    const withAuth = proxy.url.replace('socks5h://', 'socks5h://ann:p%40ss%20word@');
    const ok = await t.fetchVia({ proxyUrl: withAuth }, t.plain.url('/p.bin'), 2);
    expect(ok.error).toBeNull();
    expect(proxy.log.every((e) => e.authorized)).toBe(true);
    await t.h!.cleanup();

    const connects = proxy.log.length;
    const before = proxy.handshakes();
    const wrong = await t.fetchVia({ proxyUrl: proxy.url.replace('socks5h://', 'socks5h://ann:nope@') }, t.plain.url('/p.bin'));
    expect(wrong.error?.code).toBe('HAUL_E_PROXY');
    expect(wrong.error?.message).toMatch(/^The SOCKS proxy 127\.0\.0\.1:\d+ refused the user name and password/);
    await t.h!.cleanup();
    const missing = await t.fetchVia({ proxyUrl: proxy.url }, t.plain.url('/p.bin'));
    expect(missing.error?.message).toMatch(/^The SOCKS proxy 127\.0\.0\.1:\d+ asks for a user name and password/);
    // Refused before any CONNECT, and not retried: one handshake each.
    expect(proxy.log).toHaveLength(connects);
    expect(proxy.handshakes() - before).toBe(2);
  });

  it('a host the proxy cannot reach, and a proxy that is not there, are named in the error', async () => {
    proxy = await startTestSocksProxy();
    const unknown = await t.fetchVia({ proxyUrl: proxy.url, maxTries: 2 }, named(t.plain, '/p.bin'));
    expect(unknown.status).toBe('failed');
    expect(unknown.error?.message).toMatch(/The SOCKS proxy 127\.0\.0\.1:\d+ could not connect to files\.haul\.test:\d+ \(HostUnreachable\)/);
    await t.h!.cleanup();
    const gone = proxy.url;
    await proxy.close();
    proxy = null;
    const job = await t.fetchVia({ proxyUrl: gone, maxTries: 2 }, t.plain.url('/p.bin'));
    expect(job.status).toBe('failed');
    expect(job.error?.message).toContain(`Cannot reach the SOCKS proxy ${new URL(gone).host}`);
  });

  it('reaches hosts on the bypass list directly', async () => {
    proxy = await startTestSocksProxy();
    const job = await t.fetchVia({ proxyUrl: proxy.url, proxyBypass: '127.0.0.1' }, t.plain.url('/p.bin'));
    expect(job.status).toBe('completed');
    expect(proxy.log).toHaveLength(0);
  });
});
