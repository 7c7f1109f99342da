// Credentials through the real CLI: an Authorization header given with --header stays on its origin
// when a redirect leads elsewhere, and a password in a URL never reaches what Haul prints or logs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import { startQuirkyServer, type QuirkyServer } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const body = makeContent(4 * 1024 * 1024, 91); // several ranges at the default 1 MiB split size
const PASSWORD = 'pw-4f7c9e1d';

const t = useCliFixture('haul-cred-');
/** Another port: another origin. */
let other: QuirkyServer;
beforeAll(async () => {
  other = await startQuirkyServer();
});
afterAll(async () => {
  await other.close();
});

const completedPath = (r: Awaited<ReturnType<typeof runCli>>): string => r.lines.find((l) => l.type === 'completed')!.path as string;

describe('credentials through the CLI', () => {
  it('--header Authorization and Cookie go along a redirect on the same origin, not to another origin', async () => {
    t.server.route('/here.bin', { body });
    t.server.redirect('/same', '/here.bin');
    other.route('/there.bin', { body });
    t.server.redirect('/away', other.url('/there.bin'));
    const args = ['--header', 'Authorization: Bearer t0k3n', '--header', 'Cookie: session=abc', '-x', '4'];

    const same = await runCli([...t.getArgs('same'), ...args, t.server.url('/same')]);
    expect(same.code).toBe(0);
    expect(await sha256File(completedPath(same))).toBe(sha256(body));
    const here = t.server.requests('/here.bin');
    expect(here.length).toBeGreaterThan(1);
    expect(new Set(here.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer t0k3n']));

    const away = await runCli([...t.getArgs('away'), ...args, t.server.url('/away')]);
    expect(away.code).toBe(0);
    expect(await sha256File(completedPath(away))).toBe(sha256(body));
    expect(t.server.requests('/away')[0]!.headers.authorization).toBe('Bearer t0k3n');
    const there = other.requests('/there.bin');
    expect(there.length).toBeGreaterThan(1);
    expect(there.map((r) => [r.headers.authorization, r.headers.cookie])).toEqual(there.map(() => [undefined, undefined]));
  });

  it('a password in a URL is hidden in --json, the plain output, stderr, haul list and the log', async () => {
    t.server.route('/private.bin', { body });
    const withPassword = (path: string): string => t.server.url(path).replace('http://', `http://ann:${PASSWORD}@`);
    const urls = [withPassword('/private.bin'), withPassword('/missing.bin')];
    const home = join(t.root, 'home');
    const env = { HAUL_HOME: home };
    const db = join(t.root, 'secret.db');
    const dir = join(t.root, 'secret');

    const json = await runCli(['get', '--json', '--db', db, '-d', dir, ...urls], { env });
    expect(json.code).toBe(1); // the missing one failed
    // It was used: the server saw the password (as Basic auth).
    expect(t.server.requests('/private.bin')[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`ann:${PASSWORD}`).toString('base64')}`);
    expect(json.lines.filter((l) => l.type === 'completed' || l.type === 'failed').map((l) => l.url)).toEqual(
      expect.arrayContaining([t.server.url('/private.bin').replace('http://', 'http://ann:***@'), t.server.url('/missing.bin').replace('http://', 'http://ann:***@')]),
    );
    const plain = await runCli(['get', '--db', join(t.root, 'secret-plain.db'), '-d', join(t.root, 'secret-plain'), ...urls], { env });
    expect(plain.stderr).toMatch(/^failed: http:\/\/ann:\*\*\*@127\.0\.0\.1:\d+\/missing\.bin: /m);
    const list = await runCli(['list', '--db', db]);
    const listJson = await runCli(['list', '--db', db, '--json']);
    expect(listJson.lines).toHaveLength(2);
    const log = await readFile(join(home, 'haul.log'), 'utf8');

    const seen = { json: json.stdout + json.stderr, plain: plain.stdout + plain.stderr, list: list.stdout + list.stderr, listJson: listJson.stdout + listJson.stderr, log };
    for (const [where, text] of Object.entries(seen)) {
      expect(text, where).toContain('ann:***@');
      expect(text, where).not.toContain(PASSWORD);
    }
  });
});
