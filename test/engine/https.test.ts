// HTTPS downloads against a loopback TLS server whose certificate comes from a test authority
// (test/fixtures/tls): trusted only when the user adds that authority, refused at once otherwise.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_CA, TEST_SERVER_TLS } from '../helpers/tls-fixtures';
import { makeHarness, type Harness } from '../helpers/engine-harness';
import { startQuirkyServer, type QuirkyServer } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const CA = TEST_CA;
const TLS = TEST_SERVER_TLS;

let server: QuirkyServer;
let h: Harness;
const body = makeContent(3 * MiB, 31);

beforeEach(async () => {
  server = await startQuirkyServer({ tls: TLS });
  server.route('/f.bin', { body });
});
afterEach(async () => {
  await h.cleanup();
  await server.close();
});

async function download(connections = 4) {
  const { added } = h.engine.addJobs([{ url: server.url('/f.bin'), connections }]);
  return h.waitFor(added[0]!.id, ['completed', 'failed']);
}

describe('HTTPS', () => {
  it('downloads over several TLS connections once the issuing authority is trusted', async () => {
    h = await makeHarness({}, { tlsExtraCaCertificates: CA });
    const job = await download(4);
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const requests = server.requests('/f.bin');
    expect(new Set(requests.map((r) => r.connection)).size).toBeGreaterThan(1);
    expect(requests.filter((r) => r.range !== undefined).length).toBeGreaterThan(1);
  });

  it('refuses a certificate from an unknown authority at once, with the reason, and no retries', async () => {
    h = await makeHarness();
    const job = await download();
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('HAUL_E_TLS');
    expect(job.error?.message).toMatch(/certificate of 127\.0\.0\.1:\d+ was refused: it was issued by an authority that is not trusted/);
    expect(server.handshakeFailures()).toBe(1);
    expect(server.requests()).toHaveLength(0);
  });

  it('trusting the authority in the settings, live, lets a retry succeed', async () => {
    h = await makeHarness();
    const failed = await download();
    expect(failed.error?.code).toBe('HAUL_E_TLS');
    h.engine.setSettings({ tlsExtraCaCertificates: CA });
    h.engine.retry([failed.id]);
    const job = await h.waitFor(failed.id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('refuses trusted certificates that are not PEM, and keeps the previous settings', async () => {
    h = await makeHarness();
    expect(() => h.engine.setSettings({ tlsExtraCaCertificates: 'not a certificate' })).toThrow(/No certificate found/);
    const broken = CA.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(() => h.engine.setSettings({ tlsExtraCaCertificates: broken })).toThrow(/Certificate 1 of the trusted certificates is not valid/);
    expect(h.engine.getSettings().tlsExtraCaCertificates).toBe('');
    await h.engine.close();
    expect(h.reopen().getSettings().tlsExtraCaCertificates).toBe('');
  });

  it('with certificate checks off, accepts the unknown authority', async () => {
    h = await makeHarness({}, { tlsVerifyCertificates: false });
    const job = await download(2);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('an https:// URL on a plain HTTP server fails clearly', async () => {
    h = await makeHarness();
    const plain = await startQuirkyServer();
    try {
      plain.route('/f.bin', { body });
      const { added } = h.engine.addJobs([{ url: plain.url('/f.bin').replace('http:', 'https:') }]);
      const job = await h.waitFor(added[0]!.id, ['completed', 'failed']);
      expect(job.error?.code).toBe('HAUL_E_TLS');
      expect(job.error?.message).toMatch(/did not answer in TLS: is it a plain http:\/\/ server\?/);
    } finally {
      await plain.close();
    }
  });
});
