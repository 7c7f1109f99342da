import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../../shared/format';
import { runCli } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const bodies: Record<string, Buffer> = {};

const t = useCliFixture('haul-cli-');
beforeAll(async () => {
  for (let i = 0; i < 5; i++) {
    bodies[`/f${i}.bin`] = makeContent(200_000 + i * 1000, 100 + i);
    t.server.route(`/f${i}.bin`, { body: bodies[`/f${i}.bin`]! });
  }
  t.server.route('/missing', { body: Buffer.alloc(0), quirks: { status: 404 } });
});

async function fresh(name: string): Promise<{ dir: string; db: string }> {
  const dir = join(t.root, name);
  return { dir, db: join(t.root, `${name}.db`) };
}

describe('haul get', () => {
  it('prints JSON lines for added, progress, completed and a final summary; exit 0', async () => {
    const { dir, db } = await fresh('json');
    const r = await runCli(['get', '--json', '--db', db, '-d', dir, t.server.url('/f0.bin'), t.server.url('/f1.bin')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const types = r.lines.map((l) => l.type);
    expect(types.filter((t) => t === 'added')).toHaveLength(2);
    expect(types.at(-1)).toBe('summary');
    expect(r.lines.at(-1)).toEqual({ type: 'summary', completed: 2, failed: 0, rejected: 0 });
    for (const c of r.lines.filter((l) => l.type === 'completed')) {
      expect(isAbsolute(c.path as string)).toBe(true);
      const key = new URL(c.url as string).pathname;
      expect(c.size).toBe(bodies[key]!.length);
      expect(await sha256File(c.path as string)).toBe(sha256(bodies[key]!));
    }
    for (const p of r.lines.filter((l) => l.type === 'progress')) {
      expect(Object.keys(p).sort()).toEqual(['id', 'phase', 'received', 'speed', 'total', 'type']);
      expect(p.phase).toBe('download');
      expect(typeof p.received).toBe('number');
      expect(p.total === null || typeof p.total === 'number').toBe(true);
    }
  });

  it('reports a failed download with its error and exits 1', async () => {
    const { dir, db } = await fresh('fail');
    const r = await runCli(['get', '--json', '--db', db, '-d', dir, t.server.url('/missing'), t.server.url('/f2.bin')]);
    expect(r.code).toBe(1);
    const failed = r.lines.find((l) => l.type === 'failed')!;
    expect(failed.url).toBe(t.server.url('/missing'));
    expect(failed.error).toEqual({ code: 'HAUL_E_HTTP_STATUS', message: expect.stringContaining('404 Not Found'), httpStatus: 404 });
    expect(r.lines.at(-1)).toEqual({ type: 'summary', completed: 1, failed: 1, rejected: 0 });
  });

  it('without --json on a pipe, prints plain lines and a summary with what this run fetched', async () => {
    const { dir, db } = await fresh('plain');
    const urls = [t.server.url('/f1.bin'), t.server.url('/f2.bin'), t.server.url('/missing')];
    const r = await runCli(['get', '--db', db, '-d', dir, ...urls]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`done: ${join(dir, 'f1.bin')} (${formatBytes(bodies['/f1.bin']!.length)})\n`);
    expect(r.stderr).toMatch(/^failed: http:\/\/127\.0\.0\.1:\d+\/missing: HTTP 404 Not Found for .* \[HAUL_E_HTTP_STATUS\]$/m);
    const fetched = formatBytes(bodies['/f1.bin']!.length + bodies['/f2.bin']!.length);
    expect(r.stdout).toMatch(new RegExp(`^2 completed, 1 failed, 0 rejected; ${fetched} in \\d+\\.\\d+ s \\(.+/s\\)$`, 'm'));
    // Run again: the finished files are not fetched again, the failed one is tried again (and fails
    // again: the run must wait for it, not end as soon as it has checked the finished ones).
    const again = await runCli(['get', '--db', db, '-d', dir, ...urls]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^failed: .*\/missing: HTTP 404/m);
    expect(again.stdout).toMatch(/^2 completed, 1 failed, 0 rejected$/m);
  });

  it('says what to do when a link is refused part-way, and doing it finishes the file', async () => {
    const { dir, db } = await fresh('expired');
    const body = makeContent(3 * 1024 * 1024, 120);
    // The connection drops after 1 MiB; by then the link has expired and every new request gets 403.
    t.server.route('/expiring.bin', {
      body,
      quirks: { resetAfter: 1024 * 1024, throttle: 4 * 1024 * 1024 },
      onRequest: () => t.server.route('/expiring.bin', { body, quirks: { status: 403 } }),
    });
    const r = await runCli(['get', '--db', db, '-d', dir, '-x', '1', t.server.url('/expiring.bin')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^failed: .*\/expiring\.bin: HTTP 403 Forbidden .*\n {2}[\d.]+ [KM]iB kept: if the link expired, run again with the new link and -o 'expiring\.bin' to continue\.$/m);

    t.server.route('/renewed.bin', { body });
    const again = await runCli(['get', '--db', db, '-d', dir, '-x', '1', '-o', 'expiring.bin', t.server.url('/renewed.bin')]);
    expect(again.code).toBe(0);
    expect(await sha256File(join(dir, 'expiring.bin'))).toBe(sha256(body));
    expect(t.server.bytesSent('/renewed.bin')).toBeLessThanOrEqual(body.length - 1024 * 1024);
  });

  it('-q prints nothing but what failed, on stderr', async () => {
    const { dir, db } = await fresh('quiet');
    const r = await runCli(['get', '-q', '--db', db, '-d', dir, t.server.url('/f4.bin'), t.server.url('/missing')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^failed: .*\/missing: HTTP 404 Not Found for .* \[HAUL_E_HTTP_STATUS\]\n$/);
    expect(await sha256File(join(dir, 'f4.bin'))).toBe(sha256(bodies['/f4.bin']!));
    const both = await runCli(['get', '-q', '--json', t.server.url('/f4.bin')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('haul: --quiet and --json do not go together\n');
  });

  it('names the file with -o and writes nothing else into the folder', async () => {
    const { dir, db } = await fresh('out');
    const r = await runCli(['get', '--json', '--db', db, '-d', dir, '-o', 'chosen.dat', t.server.url('/f3.bin')]);
    expect(r.code).toBe(0);
    expect(await readdir(dir)).toEqual(['chosen.dat']);
    expect(await sha256File(join(dir, 'chosen.dat'))).toBe(sha256(bodies['/f3.bin']!));
  });

  it('keeps a history of what happened in haul.log under HAUL_HOME', async () => {
    const { dir, db } = await fresh('log');
    const home = join(t.root, 'home');
    const r = await runCli(['get', '--json', '--db', db, '-d', dir, t.server.url('/f3.bin'), t.server.url('/missing')], { env: { HAUL_HOME: home } });
    const id = (t: string) => r.lines.find((l) => l.type === t)!.id as string;
    const log = await readFile(join(home, 'haul.log'), 'utf8');
    expect(log).toMatch(new RegExp(`completed ${id('completed')} ${t.server.url('/f3.bin')} -> ${join(dir, 'f3.bin')}`));
    expect(log).toMatch(new RegExp(`failed ${id('failed')} ${t.server.url('/missing')}: HAUL_E_HTTP_STATUS HTTP 404 Not Found`));
  });

  it('sends extra headers (cookies, auth, referer) with every request', async () => {
    const { dir, db } = await fresh('headers');
    const r = await runCli(['get', '--json', '--db', db, '-d', dir, '--header', 'Cookie: session=abc', '--header', 'Referer: https://example.com/', '--header', 'Authorization: Bearer t0k3n', t.server.url('/f2.bin')]);
    expect(r.code).toBe(0);
    const req = t.server.requests('/f2.bin').at(-1)!;
    expect(req.headers.cookie).toBe('session=abc');
    expect(req.headers.referer).toBe('https://example.com/');
    expect(req.headers.authorization).toBe('Bearer t0k3n');
  });

  it('exits 2 with a one-line reason on a usage error', async () => {
    for (const args of [['get'], ['get', '-x', '0', 'http://x/'], ['get', '--limit', 'fast', 'http://x/'], ['get', '-o', 'a', 'http://x/1', 'http://x/2'], ['frobnicate'], ['get', '--bogus']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^haul: /);
    }
  });

  it('does not download a completed file twice when the command is run again', async () => {
    const { dir, db } = await fresh('again');
    const args = ['get', '--json', '--db', db, '-d', dir, t.server.url('/f4.bin')];
    expect((await runCli(args)).code).toBe(0);
    const before = t.server.requests('/f4.bin').length;
    const second = await runCli(args);
    expect(second.code).toBe(0);
    expect(second.lines.filter((l) => l.type === 'completed')).toHaveLength(1);
    expect(t.server.requests('/f4.bin').length).toBe(before);
    expect(await readdir(dir)).toEqual(['f4.bin']);
  });

  it('downloads again a finished file that was deleted since, and later runs find it done', async () => {
    const { dir, db } = await fresh('deleted');
    const args = ['get', '--json', '--db', db, '-d', dir, t.server.url('/f3.bin')];
    expect((await runCli(args)).code).toBe(0);
    await rm(join(dir, 'f3.bin'));
    const again = await runCli(args, { timeoutMs: 20_000 });
    expect(again.code).toBe(0);
    expect(await sha256File(join(dir, 'f3.bin'))).toBe(sha256(bodies['/f3.bin']!));
    const before = t.server.requests('/f3.bin').length;
    const third = await runCli(args);
    expect(third.lines.at(-1)).toEqual({ type: 'summary', completed: 1, failed: 0, rejected: 0 });
    expect(t.server.requests('/f3.bin').length).toBe(before);
  });

  it('queues the good lines of a 10,000-line list of garbage and rejects each bad line by number', async () => {
    const { dir, db } = await fresh('list');
    const lines: string[] = [];
    const good = new Map<number, string>();
    for (let i = 1; i <= 10_000; i++) {
      if (i % 2000 === 0) {
        const path = `/f${(i / 2000) % 5}.bin`;
        lines.push(`${t.server.url(path)}?n=${i}`);
        good.set(i, path);
        continue;
      }
      const junk = [
        'ftp://example.com/file',
        'javascript:alert(1)',
        'just some words',
        `http://example.com/${'a'.repeat(9000)}`,
        '\u0000\u0001\u0002binary\uFFFD junk',
        '# a comment',
        '',
      ][i % 7]!;
      lines.push(junk);
    }
    const list = join(t.root, 'list.txt');
    await writeFile(list, lines.join('\n'));
    const r = await runCli(['get', '--json', '--db', db, '-d', dir, '-i', list], { timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    const rejected = r.lines.filter((l) => l.type === 'rejected');
    const expectedRejected = lines.filter((l, i) => !good.has(i + 1) && l !== '' && !l.startsWith('#')).length;
    expect(rejected).toHaveLength(expectedRejected);
    expect(rejected.every((l) => typeof l.line === 'number' && typeof l.error === 'string')).toBe(true);
    expect(rejected.find((l) => l.line === 7)?.error).toMatch(/unsupported protocol "ftp:"/);
    expect(rejected.find((l) => l.line === 1)?.error).toMatch(/unsupported protocol "javascript:"/);
    expect(rejected.find((l) => l.line === 2)?.error).toMatch(/not a URL|missing http/);
    const completed = r.lines.filter((l) => l.type === 'completed');
    expect(completed).toHaveLength(good.size);
    expect(r.lines.at(-1)).toEqual({ type: 'summary', completed: good.size, failed: 0, rejected: expectedRejected });
  });

  it('reads aria2-style input from stdin, with out= and dir= per URL', async () => {
    const { dir, db } = await fresh('aria2');
    const input = `${t.server.url('/f0.bin')}\n  out=first.bin\n  dir=sub\n${t.server.url('/f1.bin')}\n  out=second.bin\n`;
    const r = await runCli(['get', '--json', '--db', db, '-d', dir, '-i', '-'], { stdin: input });
    expect(r.code).toBe(0);
    expect(await sha256File(join(dir, 'sub', 'first.bin'))).toBe(sha256(bodies['/f0.bin']!));
    expect(await sha256File(join(dir, 'second.bin'))).toBe(sha256(bodies['/f1.bin']!));
  });
});
