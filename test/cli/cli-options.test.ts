// The tuning options of `haul get` take effect: user agent, tries, stall timeout and the speed
// limit of each download, and bad values are usage errors.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import type { RequestLog } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const body = makeContent(300_000, 71);

const t = useCliFixture('haul-opts-');

const completedPath = (r: Awaited<ReturnType<typeof runCli>>): string => r.lines.find((l) => l.type === 'completed')!.path as string;

/** The most of these requests that were being answered at one moment (from the server's log). */
function mostAtOnce(requests: RequestLog[]): number {
  const edges = requests.flatMap((r) => [{ at: r.startedAt, step: 1 }, { at: r.finishedAt!, step: -1 }]);
  // An answer that ended in the same millisecond as another began did not overlap it.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let most = 0;
  for (const e of edges) most = Math.max(most, (now += e.step));
  return most;
}

describe('haul get tuning options', () => {
  it('--user-agent is what the server sees', async () => {
    t.server.route('/ua.bin', { body });
    const r = await runCli([...t.getArgs('ua'), '--user-agent', 'MyMirrorBot/2.0 (+https://example.org)', t.server.url('/ua.bin')]);
    expect(r.code).toBe(0);
    expect(t.server.requests('/ua.bin').map((q) => q.headers['user-agent'])).toEqual(['MyMirrorBot/2.0 (+https://example.org)']);
  });

  it('-t/--tries bounds the tries: one try fails on the first 500, three get through two', async () => {
    t.server.route('/once.bin', { body, quirks: { failFirst: { count: 2, status: 500 } } });
    const r1 = await runCli([...t.getArgs('once'), '-t', '1', t.server.url('/once.bin')]);
    expect(r1.code).toBe(1);
    expect(t.server.requests('/once.bin')).toHaveLength(1);
    t.server.route('/thrice.bin', { body, quirks: { failFirst: { count: 2, status: 500 } } });
    const r3 = await runCli([...t.getArgs('thrice'), '--tries', '3', t.server.url('/thrice.bin')]);
    expect(r3.code).toBe(0);
    expect(t.server.requests('/thrice.bin').map((q) => q.status)).toEqual([500, 500, 206]);
    expect(await sha256File(completedPath(r3))).toBe(sha256(body));
  });

  it('--stall-timeout retries a silent connection after that long', async () => {
    t.server.route('/stall.bin', { body, quirks: { stallAfter: 50_000, stallTimes: 1 } });
    // With the default 30 s the run would outlast the test's own time limit.
    const r = await runCli([...t.getArgs('stall'), '--stall-timeout', '0.5', '-x', '1', t.server.url('/stall.bin')], { timeoutMs: 15_000 });
    expect(r.code).toBe(0);
    expect(await sha256File(completedPath(r))).toBe(sha256(body));
    expect(t.server.requests('/stall.bin').length).toBeGreaterThanOrEqual(2);
  });

  it('--timeout gives up on a server that accepts and then sends no answer, and tries again', async () => {
    t.server.route('/mute.bin', { body, quirks: { silentFirst: 1 } });
    // With the default 15 s the run would outlast its own time limit.
    const r = await runCli([...t.getArgs('mute'), '--timeout', '0.5', '-x', '1', t.server.url('/mute.bin')], { timeoutMs: 15_000 });
    expect(r.code).toBe(0);
    expect(await sha256File(completedPath(r))).toBe(sha256(body));
    expect(t.server.requests('/mute.bin').map((q) => q.outcome)).toEqual(['silent', 'complete']);
    const retry = r.lines.find((l) => l.type === 'progress' && l.retry)?.retry;
    expect(retry).toMatchObject({ reason: expect.stringMatching(/did not answer in time/), attempt: 1 });
  });

  it('--limit-per-download holds each download to its rate', async () => {
    t.server.route('/slow.bin', { body });
    const started = Date.now();
    const r = await runCli([...t.getArgs('slow'), '--limit-per-download', '100K', t.server.url('/slow.bin')]);
    expect(r.code).toBe(0);
    expect(await sha256File(completedPath(r))).toBe(sha256(body));
    // 300,000 bytes at 102,400 B/s, less a quarter second of burst: at least ~2.3 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('--limit holds all downloads together to the rate, not each one', async () => {
    const paths = ['/shared-a.bin', '/shared-b.bin', '/shared-c.bin'];
    for (const p of paths) t.server.route(p, { body });
    const run = startCli([...t.getArgs('limit'), '--limit', '200K', ...paths.map((p) => t.server.url(p))]);
    await run.waitForLine((l) => l.type === 'added');
    const added = performance.now();
    const r = await run.done;
    expect(r.code).toBe(0);
    for (const line of r.lines.filter((l) => l.type === 'completed')) expect(await sha256File(line.path as string)).toBe(sha256(body));
    // 900,000 bytes at 204,800 B/s less a quarter second of burst: ≥ 4.1 s from the first download
    // added to the end (a limit per download would take a third; the server's log cannot tell, its
    // socket buffers take the whole body at once). Only a lower bound: a busy machine can only make
    // it longer. How close the rate comes to the limit: npm run bench -- --only=limits.
    expect(performance.now() - added).toBeGreaterThanOrEqual(3000);
  });

  it('-j runs that many downloads at once, and the next when one is done', async () => {
    const paths = ['/j1.bin', '/j2.bin', '/j3.bin'];
    for (const p of paths) t.server.route(p, { body, quirks: { throttle: 300_000 } });
    const r = await runCli([...t.getArgs('jobs'), '-j', '2', '-x', '1', ...paths.map((p) => t.server.url(p))]);
    expect(r.code).toBe(0);
    const requests = paths.flatMap((p) => t.server.requests(p));
    expect(requests).toHaveLength(3); // one request each (-x 1)
    expect(mostAtOnce(requests)).toBe(2);
  });

  it('--max-per-host bounds the connections to one host across downloads', async () => {
    const big = makeContent(4 * 1024 * 1024, 72); // four ranges of the default 1 MiB split size
    const paths = ['/h1.bin', '/h2.bin', '/h3.bin'];
    for (const p of paths) t.server.route(p, { body: big, quirks: { throttle: 1024 * 1024 } });
    const r = await runCli([...t.getArgs('per-host'), '--max-per-host', '3', '-x', '4', ...paths.map((p) => t.server.url(p))]);
    expect(r.code).toBe(0);
    for (const line of r.lines.filter((l) => l.type === 'completed')) expect(await sha256File(line.path as string)).toBe(sha256(big));
    // Three downloads that would each open four connections share three.
    expect(mostAtOnce(paths.flatMap((p) => t.server.requests(p)))).toBe(3);
  });

  it('--load-cookies sends each download the cookies of the file that match its URL', async () => {
    t.server.route('/members/a.bin', { body });
    t.server.route('/public/b.bin', { body });
    const file = join(t.root, 'cookies.txt');
    await writeFile(
      file,
      [
        '# Netscape HTTP Cookie File',
        '127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tabc',
        '127.0.0.1\tFALSE\t/members\tFALSE\t0\tmember\tyes',
        '127.0.0.1\tFALSE\t/\tTRUE\t0\thttps_only\tno',
        'example.com\tTRUE\t/\tFALSE\t0\tforeign\tno',
      ].join('\n'),
    );
    const r = await runCli([...t.getArgs('cookies'), '--load-cookies', file, '--header', 'Cookie: given=1', t.server.url('/members/a.bin'), t.server.url('/public/b.bin')]);
    expect(r.code).toBe(0);
    expect(new Set(t.server.requests('/members/a.bin').map((q) => q.headers.cookie))).toEqual(new Set(['given=1; member=yes; session=abc']));
    expect(new Set(t.server.requests('/public/b.bin').map((q) => q.headers.cookie))).toEqual(new Set(['given=1; session=abc']));
  });

  it('--mirror and TAB-separated mirrors in an input file take over when the address fails', async () => {
    t.server.route('/dead.bin', { body, quirks: { status: 404 } });
    t.server.route('/alive.bin', { body });
    const args = [...t.getArgs('mirror'), '--mirror', t.server.url('/alive.bin'), t.server.url('/dead.bin')];
    const r = await runCli(args);
    expect(r.code).toBe(0);
    expect(await sha256File(completedPath(r))).toBe(sha256(body));
    // The same command again finds the download that finished from the mirror: nothing is fetched.
    const fetched = t.server.requests('/alive.bin').length;
    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(completedPath(again)).toBe(completedPath(r));
    expect(t.server.requests('/alive.bin')).toHaveLength(fetched);

    t.server.route('/dead2.bin', { body, quirks: { status: 503 } });
    t.server.route('/alive2.bin', { body });
    const list = join(t.root, 'mirrors.txt');
    await writeFile(list, `${t.server.url('/dead2.bin')}\t${t.server.url('/alive2.bin')}\n  out=two.bin\n`);
    const r2 = await runCli([...t.getArgs('mirror-list'), '-t', '1', '-i', list]);
    expect(r2.code).toBe(0);
    expect(completedPath(r2)).toBe(join(t.root, 'mirror-list', 'two.bin'));
    expect(await sha256File(completedPath(r2))).toBe(sha256(body));
    expect(t.server.requests('/alive2.bin').length).toBeGreaterThan(0);
  });

  it('--netrc-file and --netrc ($NETRC) give the host\'s user name and password', async () => {
    t.server.route('/private/n.bin', { body });
    const file = join(t.root, 'my.netrc');
    await writeFile(file, 'machine example.com login other password x\nmachine 127.0.0.1 login ann password "top secret"\n');
    const r = await runCli([...t.getArgs('netrc'), '--netrc-file', file, t.server.url('/private/n.bin')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await sha256File(completedPath(r))).toBe(sha256(body));
    const basic = `Basic ${Buffer.from('ann:top secret').toString('base64')}`;
    expect(new Set(t.server.requests('/private/n.bin').map((q) => q.headers.authorization))).toEqual(new Set([basic]));
    // The password is not printed in the output.
    expect(r.stdout).not.toContain('secret');

    t.server.route('/private/m.bin', { body });
    const viaEnv = await runCli([...t.getArgs('netrc-env'), '--netrc', t.server.url('/private/m.bin')], { env: { NETRC: file } });
    expect(viaEnv.code).toBe(0);
    expect(new Set(t.server.requests('/private/m.bin').map((q) => q.headers.authorization))).toEqual(new Set([basic]));
  });

  it('bad values are usage errors (exit 2) naming the option', async () => {
    const cases: [string[], RegExp][] = [
      [['--tries', '0'], /--tries must be a whole number from 1 to 100/],
      [['--timeout', 'soon'], /--timeout must be a number of seconds/],
      [['--stall-timeout', '0.01'], /--stall-timeout must be a number of seconds from 0.1 to 600/],
      [['--limit-per-download', 'fast'], /invalid --limit-per-download "fast"/],
      [['--user-agent', ''], /--user-agent must be one line/],
      [['--load-cookies', '/nonexistent/cookies.txt'], /cannot read --load-cookies \/nonexistent\/cookies.txt/],
      [['-i', '/nonexistent/urls.txt'], /cannot read --input \/nonexistent\/urls.txt/],
      [['--netrc-file', '/nonexistent/netrc'], /cannot read --netrc \/nonexistent\/netrc/],
      [['--mirror', 'http://127.0.0.1:1/y', 'http://127.0.0.1:1/z'], /--mirror needs exactly one URL/],
    ];
    for (const [extra, message] of cases) {
      const r = await runCli(['get', ...extra, 'http://127.0.0.1:1/x']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
