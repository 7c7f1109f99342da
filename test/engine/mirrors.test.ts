// Mirrors: other addresses of the same file take over, in order, when the current one fails;
// the bytes already downloaded are kept when the file there is the same.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPool } from '../helpers/engine-harness';
import { useEngineFixture } from '../helpers/engine-fixture';
import { startQuirkyServer } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { noteInEnglish } from '../helpers/note-in-english';

const MiB = 1024 * 1024;
const t = useEngineFixture(withPool);

describe('mirrors', () => {
  it('a download whose address is gone comes from the first mirror that has the file', async () => {
    const body = makeContent(MiB, 51);
    t.server.route('/gone.bin', { body, quirks: { status: 404 } });
    t.server.route('/also-gone.bin', { body, quirks: { status: 410 } });
    t.server.route('/mirror.bin', { body });
    const { added, rejected } = t.h.engine.addJobs([
      { url: t.server.url('/gone.bin'), mirrors: [t.server.url('/also-gone.bin'), t.server.url('/mirror.bin')] },
    ]);
    expect(rejected).toEqual([]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    // Named by the answer that brought the file (its Content-Disposition or URL), as any download.
    expect(job.path).toBe(join(t.h.downloads, 'mirror.bin'));
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(noteInEnglish(job.note)).toMatch(/also-gone\.bin failed \(HTTP 410.*\); continuing from the mirror .*\/mirror\.bin/);
    expect(job.options.mirrors).toEqual([]);
  });

  it('a mirror takes over when the main address names a server that does not exist', async () => {
    const body = makeContent(300_000, 56);
    t.server.route('/there.bin', { body });
    // Longer than a DNS label may be: "no such name" without asking any server.
    const unknown = `http://${'b'.repeat(64)}.test/there.bin`;
    const { added } = t.h.engine.addJobs([{ url: unknown, mirrors: [t.server.url('/there.bin')] }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(noteInEnglish(job.note)).toMatch(/Cannot find the server b{64}\.test.*continuing from the mirror/);
  });

  it('a mirror takes over mid-download and keeps the bytes already downloaded', async () => {
    const body = makeContent(12 * MiB, 52);
    t.server.route('/main.bin', { body, quirks: { throttle: 3 * MiB } });
    t.server.route('/backup.bin', { body });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/main.bin'), connections: 4, mirrors: [t.server.url('/backup.bin')] }]);
    const id = added[0]!.id;
    await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > 2 * MiB, 'some progress');
    const before = t.h.engine.snapshot(id)!.received;
    t.server.route('/main.bin', { body, quirks: { status: 403 } });
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.bytesSent('/backup.bin')).toBeLessThanOrEqual(body.length - before + 2 * MiB);
    expect(t.server.requests('/backup.bin').every((r) => r.range !== undefined)).toBe(true);
  });

  it('a corrupt copy fails verification and the next mirror gives the right file', async () => {
    const body = makeContent(2 * MiB, 53);
    t.server.route('/corrupt.bin', { body: makeContent(2 * MiB, 54) });
    t.server.route('/good.bin', { body });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/corrupt.bin'), checksum: `sha256=${sha256(body)}`, mirrors: [t.server.url('/good.bin')] }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(job.checksum).toEqual({ algo: 'sha256', hex: sha256(body), ok: true });
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(noteInEnglish(job.note)).toMatch(/corrupt\.bin failed \(.*sha256.*\); continuing from the mirror/);
    // Started again from zero at the mirror: none of the corrupt bytes were kept.
    const first = t.server.requests('/good.bin')[0]!;
    expect(first.range === undefined || first.range.startsWith('bytes=0-')).toBe(true);
    expect(first.ifRange).toBeUndefined();
  });

  it('cookies and authorization given for one origin are not sent to a mirror on another', async () => {
    const other = await startQuirkyServer();
    try {
      const body = makeContent(256 * 1024, 55);
      t.server.route('/private.bin', { body, quirks: { status: 503 } });
      other.route('/public.bin', { body });
      const headers = { Cookie: 'session=secret', Authorization: 'Bearer secret', Referer: 'https://example.com/' };
      const { added } = t.h.engine.addJobs([{ url: t.server.url('/private.bin'), headers, mirrors: [other.url('/public.bin')] }]);
      const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
      expect(job.status).toBe('completed');
      expect(t.server.requests('/private.bin')[0]!.headers.cookie).toBe('session=secret');
      const seen = other.requests('/public.bin').map((r) => r.headers);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((h) => h.cookie === undefined && h.authorization === undefined && h.referer === 'https://example.com/')).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('fails with the last address’s error once every mirror has failed', async () => {
    t.server.route('/a.bin', { body: Buffer.alloc(10), quirks: { status: 404 } });
    t.server.route('/b.bin', { body: Buffer.alloc(10), quirks: { status: 410 } });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/a.bin'), mirrors: [t.server.url('/b.bin')] }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/HTTP 410.*b\.bin/);
    expect(job.url).toBe(t.server.url('/b.bin'));
  });

  it('refuses an unusable mirror when the download is added, saying which', () => {
    const { added, rejected } = t.h.engine.addJobs([{ url: t.server.url('/x.bin'), mirrors: [t.server.url('/y.bin'), 'ftp://example.com/x.bin'] }]);
    expect(added).toEqual([]);
    expect(rejected).toEqual([
      { index: 0, input: 'ftp://example.com/x.bin', error: { code: 'HAUL_E_UNSUPPORTED_PROTOCOL', message: 'mirror 2: unsupported protocol "ftp:" (only http and https)' } },
    ]);
  });

  it('keeps the mirrors not tried yet across a restart', async () => {
    const mirrors = [t.server.url('/m1.bin'), t.server.url('/m2.bin')];
    const id = t.h.engine.addJobs([{ url: t.server.url('/m0.bin'), paused: true, mirrors }]).added[0]!.id;
    await t.h.engine.close();
    t.h.reopen();
    expect(t.h.engine.snapshot(id)!.options.mirrors).toEqual(mirrors);
  });
});
