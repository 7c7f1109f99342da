// HTTP Digest authentication for URLs with user:password (routers, NAS boxes, older servers):
// segmented downloads answer the challenge on every connection, a stale nonce is renewed, and
// a wrong password fails at once, clearly.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDigestChallenge, DigestSession } from '../../electron/engine/http/digest-auth';
import { useEngineFixture } from '../helpers/engine-fixture';
import { startDigestGate, type DigestGate } from '../helpers/digest-gate';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const t = useEngineFixture();
let gate: DigestGate | null = null;
const body = makeContent(3 * MiB + 3, 81);

beforeEach(() => t.server.route('/nas/file.bin', { body }));
afterEach(async () => {
  await gate?.close();
  gate = null;
});

const withUser = (url: string, user: string, password: string): string => url.replace('http://', `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@`);

describe('Digest authentication', () => {
  it.each(['MD5', 'SHA-256'] as const)('downloads with several connections, every request proving the password (%s)', async (algorithm) => {
    gate = await startDigestGate({ backend: t.server.origin, user: 'admin', password: 'p@ss:word', algorithm });
    const { added } = t.h.engine.addJobs([{ url: withUser(gate.url('/nas/file.bin'), 'admin', 'p@ss:word'), connections: 4 }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const ranged = t.server.requests('/nas/file.bin').filter((r) => r.range !== undefined && r.range !== 'bytes=0-');
    expect(ranged.length).toBeGreaterThan(0);
    // One challenge at the start; after that every request carried a good proof, never the password.
    expect(gate.log.filter((e) => !e.ok)).toHaveLength(1);
    expect(gate.log.every((e) => !e.authorization?.includes('p@ss'))).toBe(true);
    expect(gate.log.filter((e) => e.ok).every((e) => e.authorization!.startsWith(`Digest username="admin"`) && e.authorization!.includes(`algorithm=${algorithm}`))).toBe(true);
  });

  it('renews a nonce the server let expire, without failing the download', async () => {
    gate = await startDigestGate({ backend: t.server.origin, user: 'u', password: 'pw' });
    // A dropped connection makes a new request after the nonce expired.
    t.server.route('/nas/slow.bin', { body, quirks: { throttle: 4 * MiB, resetAfter: 512 * 1024, resetTimes: 2 } });
    const { added } = t.h.engine.addJobs([{ url: withUser(gate.url('/nas/slow.bin'), 'u', 'pw'), connections: 4 }]);
    const id = added[0]!.id;
    await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > 0, 'the download to start');
    gate.rotateNonce();
    const refusedBefore = gate.log.filter((e) => !e.ok).length;
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    // The expired nonce was refused (stale) and the next try, with the new one, went through.
    expect(gate.log.filter((e) => !e.ok).length).toBeGreaterThan(refusedBefore);
  });

  it('a wrong password fails at once with HTTP 401, not retried over and over', async () => {
    gate = await startDigestGate({ backend: t.server.origin, user: 'u', password: 'right' });
    const { added } = t.h.engine.addJobs([{ url: withUser(gate.url('/nas/file.bin'), 'u', 'wrong') }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/HTTP 401/);
    expect(gate.log.length).toBeLessThanOrEqual(2);
    expect(t.server.requests('/nas/file.bin')).toEqual([]);
  });

  it('the old form without qop (RFC 2069) works too', async () => {
    gate = await startDigestGate({ backend: t.server.origin, user: 'u', password: 'pw', qop: false });
    const { added } = t.h.engine.addJobs([{ url: withUser(gate.url('/nas/file.bin'), 'u', 'pw'), connections: 2 }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });
});

describe('Digest challenges and answers', () => {
  it('picks the strongest usable challenge among several headers and schemes', () => {
    const c = parseDigestChallenge([
      'Basic realm="x"',
      'Digest realm="a, b", nonce="n1", qop="auth,auth-int", algorithm=MD5, Digest realm="a, b", nonce="n2", qop="auth", algorithm=SHA-256, opaque="o"',
    ]);
    expect(c).toEqual({ realm: 'a, b', nonce: 'n2', opaque: 'o', qop: 'auth', algorithm: 'SHA-256', stale: false });
    expect(parseDigestChallenge('Digest realm="r", nonce="n", qop="auth-int"')).toBeNull();
    expect(parseDigestChallenge('Basic realm="r"')).toBeNull();
    expect(parseDigestChallenge(undefined)).toBeNull();
  });

  it('computes the RFC 7616 example answer', () => {
    // RFC 7616 section 3.9.1 (MD5): Mufasa / Circle of Life.
    const s = new DigestSession(
      { realm: 'http-auth@example.org', nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS', qop: 'auth', algorithm: 'MD5', stale: false },
      'Mufasa',
      'Circle of Life',
    );
    const header = s.authorization('/dir/index.html', 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ');
    expect(header).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
    expect(header).toContain('nc=00000001');
  });
});
