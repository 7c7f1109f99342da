import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const t = useEngineFixture();

async function get(path: string, extra: { name?: string; speedLimit?: number } = {}) {
  const { added } = t.h.engine.addJobs([{ url: t.server.url(path), ...extra }]);
  return t.h.waitFor(added[0]!.id, ['completed', 'failed']);
}

describe('file naming at the engine level', () => {
  it('takes the name from Content-Disposition, re-decoding raw UTF-8 bytes', async () => {
    t.server.route('/dl?id=7', { body: makeContent(1000), quirks: { contentDisposition: Buffer.from('attachment; filename="Ünïcødé résumé.pdf"', 'utf8') } });
    const job = await get('/dl?id=7');
    expect(job.name).toBe('Ünïcødé résumé.pdf');
    expect(await readdir(t.h.downloads)).toEqual(['Ünïcødé résumé.pdf']);
  });

  it('keeps a hostile Content-Disposition name inside the download folder', async () => {
    t.server.route('/evil', { body: makeContent(1000), quirks: { contentDisposition: 'attachment; filename="../../../etc/cron.d/evil.sh"' } });
    const job = await get('/evil');
    expect(job.path).toBe(join(t.h.downloads, 'evil.sh'));
    expect(await readdir(t.h.downloads)).toEqual(['evil.sh']);
  });

  it('names files from malformed Content-Disposition headers the way a browser does (see browser-cases.test.ts)', async () => {
    const cases: { path: string; header: string | Buffer; onDisk: string }[] = [
      // tc2231 attwithasciifnescapedchar: a backslash in quotes escapes the next char.
      { path: '/escaped', header: 'attachment; filename="f\\oo.html"', onDisk: 'foo.html' },
      // Escaped backslashes are real ones: the directory part goes, the device name is defused.
      { path: '/win-path', header: 'attachment; filename="..\\\\..\\\\win\\\\nul.txt"', onDisk: 'nul_.txt' },
      // `name` is not a file name: the URL's name is used.
      { path: '/files/from-url.bin', header: 'attachment; name="field.txt"', onDisk: 'from-url.bin' },
      // Whitespace after an encoded word is dropped (Chromium's cases).
      { path: '/q', header: 'inline; filename="=?iso88591?Q?caf=E9_?= .png"', onDisk: 'café .png' },
      { path: '/two', header: 'attachment; filename="=?windows-1252?Q?caf=E9?=  =?iso-8859-7?b?4eI=?= .png"', onDisk: 'caféαβ.png' },
      // Raw UTF-8 and an encoded word in one value, each decoded on its own.
      { path: '/mixed', header: Buffer.from('attachment; filename="résumé =?UTF-8?Q?2024=E2=80=93?= final.pdf"'), onDisk: 'résumé 2024–final.pdf' },
      // A malformed encoded word is kept as written (then sanitized); Chromium would use the URL.
      { path: '/bad-word', header: 'attachment; filename==?iso88591?Q?caf=E3?==', onDisk: '=_iso88591_Q_caf=E3_==' },
    ];
    const bodies = cases.map((_c, i) => makeContent(500 + i, 20 + i));
    cases.forEach((c, i) => t.server.route(c.path, { body: bodies[i]!, quirks: { contentDisposition: c.header } }));
    const { added } = t.h.engine.addJobs(cases.map((c) => ({ url: t.server.url(c.path) })));
    const jobs = await Promise.all(added.map((j) => t.h.waitFor(j.id, ['completed', 'failed'])));
    expect(jobs.map((j) => j.name)).toEqual(cases.map((c) => c.onDisk));
    expect((await readdir(t.h.downloads)).sort()).toEqual(cases.map((c) => c.onDisk).sort());
    for (const [i, c] of cases.entries()) expect(await sha256File(join(t.h.downloads, c.onDisk))).toBe(sha256(bodies[i]!));
  });

  it('never overwrites: a second download of the same name becomes "name (1).ext", keeping .tar.gz together', async () => {
    t.server.route('/pkg.tar.gz', { body: makeContent(5000, 1) });
    const a = await get('/pkg.tar.gz');
    const b = await get('/pkg.tar.gz');
    expect(a.name).toBe('pkg.tar.gz');
    expect(b.name).toBe('pkg (1).tar.gz');
  });

  it('gives two jobs started at once two different names', async () => {
    const body = makeContent(400_000, 3);
    t.server.route('/same.bin', { body, quirks: { throttle: 1024 * 1024 } });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/same.bin') }, { url: t.server.url('/same.bin') }]);
    const jobs = await Promise.all(added.map((j) => t.h.waitFor(j.id, ['completed', 'failed'])));
    expect(new Set(jobs.map((j) => j.name))).toEqual(new Set(['same.bin', 'same (1).bin']));
    for (const j of jobs) expect(await sha256File(j.path!)).toBe(sha256(body));
  });

  it('uses the name the user asked for', async () => {
    t.server.route('/x', { body: makeContent(100), quirks: { contentDisposition: 'attachment; filename=server.bin' } });
    const job = await get('/x', { name: 'mine.dat' });
    expect(job.name).toBe('mine.dat');
  });
});

describe('speed limits', () => {
  it('holds a job to its own limit (a lower bound on time, so a slow machine cannot break it)', async () => {
    const body = makeContent(1536 * 1024, 8);
    t.server.route('/slow.bin', { body });
    const started = Date.now();
    const job = await get('/slow.bin', { speedLimit: 512 * 1024 });
    expect(job.status).toBe('completed');
    // 1.5 MiB at 512 KiB/s needs about 3 s; allow for the initial burst allowance.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
  });

  it('applies a global limit changed while running', async () => {
    // At the limit this takes a minute: only the lifted limit lets it finish within waitFor's time.
    const body = makeContent(16 * 1024 * 1024, 9);
    t.server.route('/g.bin', { body });
    t.h.engine.setSettings({ globalSpeedLimit: 256 * 1024 });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/g.bin') }]);
    const id = added[0]!.id;
    await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > 200 * 1024, 'some progress');
    expect(t.h.engine.snapshot(id)!.status).toBe('active');
    t.h.engine.setSettings({ globalSpeedLimit: null });
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });
});

describe('the queue', () => {
  it('runs at most maxJobs at once, in queue order, and honours reordering', async () => {
    t.h.engine.setSettings({ maxJobs: 1 });
    for (const p of ['/q1', '/q2', '/q3']) t.server.route(p, { body: makeContent(300_000), quirks: { throttle: 1024 * 1024 } });
    const { added } = t.h.engine.addJobs(['/q1', '/q2', '/q3'].map((p) => ({ url: t.server.url(p) })));
    const [a, b, c] = added.map((j) => j.id) as [string, string, string];
    t.h.engine.reorder([c], 'top');
    for (const id of [a, b, c]) await t.h.waitFor(id, ['completed']);
    const firstRequest = (p: string) => t.server.requests(p)[0]!.startedAt;
    // q1 was already running when q3 moved to the top; q3 runs next, then q2.
    expect(firstRequest('/q3')).toBeLessThan(firstRequest('/q2'));
    // One job at a time: no request of one overlaps a request of another.
    const overlaps = t.server.requests().filter((r) => t.server.requests().some((s) => s.path !== r.path && s.startedAt < r.finishedAt! && r.startedAt < s.finishedAt!));
    expect(overlaps.map((r) => r.path)).toEqual([]);
  });

  it('pause-all and resume-all', async () => {
    t.server.route('/p.bin', { body: makeContent(2 * 1024 * 1024), quirks: { throttle: 1024 * 1024 } });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/p.bin') }]);
    const id = added[0]!.id;
    await t.h.waitFor(id, ['active']);
    expect(t.h.engine.pauseAll()).toEqual([id]);
    await t.h.waitFor(id, ['paused']);
    expect(t.h.engine.resumeAll()).toEqual([id]);
    const job = await t.h.waitFor(id, ['completed']);
    expect(job.received).toBe(2 * 1024 * 1024);
  });

  it('removes a job and, when asked, its file', async () => {
    t.server.route('/rm.bin', { body: makeContent(1000) });
    const job = await get('/rm.bin');
    await t.h.engine.remove([job.id], true);
    expect(t.h.engine.snapshot(job.id)).toBeUndefined();
    expect(await readdir(t.h.downloads)).toEqual([]);
  });
});
