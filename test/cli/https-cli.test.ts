// `haul get` over HTTPS: --ca-certificate and --insecure, and clear errors for a certificate it
// refuses (for each reason the README names) or a CA file it cannot use.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import { startQuirkyServer } from '../helpers/quirky-server';
import { EXPIRED_TLS, REFUSALS_CA_FILE, SELF_SIGNED_TLS, TEST_CA_FILE, TEST_SERVER_TLS, WRONG_HOST_TLS } from '../helpers/tls-fixtures';
import { makeContent, sha256, sha256File } from '../helpers/test-content';


const body = makeContent(1024 * 1024 + 17, 41);

const t = useCliFixture('haul-https-', { tls: TEST_SERVER_TLS });
beforeAll(async () => {
  t.server.route('/s.bin', { body });
});

describe('haul get over HTTPS', () => {
  it('--ca-certificate trusts the authority in the file', async () => {
    const r = await runCli([...t.getArgs('ca'), '--ca-certificate', TEST_CA_FILE, '-x', '4', t.server.url('/s.bin')]);
    expect(r.code).toBe(0);
    const done = r.lines.find((l) => l.type === 'completed')!;
    expect(await sha256File(done.path as string)).toBe(sha256(body));
  });

  it('without it the certificate is refused: exit 1 and the reason in the failed line', async () => {
    const r = await runCli([...t.getArgs('refused'), t.server.url('/s.bin')]);
    expect(r.code).toBe(1);
    const failed = r.lines.find((l) => l.type === 'failed')!;
    expect(failed.error).toMatchObject({ code: 'HAUL_E_TLS', message: expect.stringMatching(/authority that is not trusted/) });
  });

  it('--insecure accepts it', async () => {
    const r = await runCli([...t.getArgs('insecure'), '--insecure', t.server.url('/s.bin')]);
    expect(r.code).toBe(0);
    expect(await sha256File(r.lines.find((l) => l.type === 'completed')!.path as string)).toBe(sha256(body));
  });

  it('a missing or non-PEM --ca-certificate is a usage error (exit 2) that names the file', async () => {
    const missing = join(t.root, 'nope.pem');
    const r1 = await runCli([...t.getArgs('missing'), '--ca-certificate', missing, t.server.url('/s.bin')]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain(`haul: cannot read --ca-certificate ${missing}`);
    const junk = join(t.root, 'junk.pem');
    await writeFile(junk, 'hello\n');
    const r2 = await runCli([...t.getArgs('junk'), '--ca-certificate', junk, t.server.url('/s.bin')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`haul: --ca-certificate ${junk}: No certificate found`);
    expect(r2.lines).toEqual([]);
  });
});

describe('certificates refused even from a trusted authority, each with its reason', () => {
  const cases = [
    { why: 'self-signed', tls: SELF_SIGNED_TLS, trust: [], reason: 'it is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)' },
    { why: 'expired', tls: EXPIRED_TLS, trust: ['--ca-certificate', REFUSALS_CA_FILE], reason: 'it has expired (CERT_HAS_EXPIRED)' },
    { why: 'wrong-host', tls: WRONG_HOST_TLS, trust: ['--ca-certificate', REFUSALS_CA_FILE], reason: 'it was issued for another host name (ERR_TLS_CERT_ALTNAME_INVALID)' },
  ];
  it.each(cases)('$why certificate: exit 1 at once, the reason in the failed line, no retries', async ({ why, tls, trust, reason }) => {
    const server = await startQuirkyServer({ tls });
    try {
      server.route('/s.bin', { body });
      const r = await runCli([...t.getArgs(why), ...trust, '-t', '5', server.url('/s.bin')]);
      expect(r.code).toBe(1);
      const failed = r.lines.find((l) => l.type === 'failed')!;
      expect(failed.error).toMatchObject({ code: 'HAUL_E_TLS', message: expect.stringContaining(`was refused: ${reason}`) });
      // One TLS handshake, refused by the client, and never a request: a retry cannot fix this.
      expect(server.handshakeFailures()).toBe(1);
      expect(server.requests()).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
