// The tuning options of `haul get` take effect: user agent, tries, stall timeout and the speed
// limit of each download, and bad values are usage errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { startQuirkyServer, type QuirkyServer } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

let server: QuirkyServer;
let root: string;
const body = makeContent(300_000, 71);

beforeAll(async () => {
  server = await startQuirkyServer();
  root = await mkdtemp(join(tmpdir(), 'haul-opts-'));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const args = (name: string): string[] => ['get', '--json', '--db', join(root, `${name}.db`), '-d', join(root, name)];
const completedPath = (r: Awaited<ReturnType<typeof runCli>>): string => r.lines.find((l) => l.type === 'completed')!.path as string;

describe('haul get tuning options', () => {
  it('--user-agent is what the server sees', async () => {
    server.route('/ua.bin', { body });
    const r = await runCli([...args('ua'), '--user-agent', 'MyMirrorBot/2.0 (+https://example.org)', server.url('/ua.bin')]);
    expect(r.code).toBe(0);
    expect(server.requests('/ua.bin').map((q) => q.headers['user-agent'])).toEqual(['MyMirrorBot/2.0 (+https://example.org)']);
  });

  it('-t/--tries bounds the tries: one try fails on the first 500, three get through two', async () => {
    server.route('/once.bin', { body, quirks: { failFirst: { count: 2, status: 500 } } });
    const r1 = await runCli([...args('once'), '-t', '1', server.url('/once.bin')]);
    expect(r1.code).toBe(1);
    expect(server.requests('/once.bin')).toHaveLength(1);
    server.route('/thrice.bin', { body, quirks: { failFirst: { count: 2, status: 500 } } });
    const r3 = await runCli([...args('thrice'), '--tries', '3', server.url('/thrice.bin')]);
    expect(r3.code).toBe(0);
    expect(server.requests('/thrice.bin').map((q) => q.status)).toEqual([500, 500, 206]);
    expect(await sha256File(completedPath(r3))).toBe(sha256(body));
  });

  it('--stall-timeout retries a silent connection after that long', async () => {
    server.route('/stall.bin', { body, quirks: { stallAfter: 50_000, stallTimes: 1 } });
    // With the default 30 s the run would outlast the test's own time limit.
    const r = await runCli([...args('stall'), '--stall-timeout', '0.5', '-x', '1', server.url('/stall.bin')], { timeoutMs: 15_000 });
    expect(r.code).toBe(0);
    expect(await sha256File(completedPath(r))).toBe(sha256(body));
    expect(server.requests('/stall.bin').length).toBeGreaterThanOrEqual(2);
  });

  it('--limit-per-download holds each download to its rate', async () => {
    server.route('/slow.bin', { body });
    const started = Date.now();
    const r = await runCli([...args('slow'), '--limit-per-download', '100K', server.url('/slow.bin')]);
    expect(r.code).toBe(0);
    expect(await sha256File(completedPath(r))).toBe(sha256(body));
    // 300,000 bytes at 102,400 B/s, less a quarter second of burst: at least ~2.3 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });

  it('bad values are usage errors (exit 2) naming the option', async () => {
    const cases: [string[], RegExp][] = [
      [['--tries', '0'], /--tries must be a whole number from 1 to 100/],
      [['--timeout', 'soon'], /--timeout must be a number of seconds/],
      [['--stall-timeout', '0.01'], /--stall-timeout must be a number of seconds from 0.1 to 600/],
      [['--limit-per-download', 'fast'], /invalid --limit-per-download "fast"/],
      [['--user-agent', ''], /--user-agent must be one line/],
    ];
    for (const [extra, message] of cases) {
      const r = await runCli(['get', ...extra, 'http://127.0.0.1:1/x']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
