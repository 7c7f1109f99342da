// The desktop app and the CLI share one database. A download the app added with a password and a
// cookie has them sealed (the app's safeStorage; here a real AES-GCM box of the test's, standing
// in for it): the real CLI cannot open them, so it refuses the download, says how to go on and
// sends nothing; given them again, it continues that same download.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine';
import { logPath } from '../../electron/engine/paths';
import { openSqliteJobStore } from '../../electron/engine/store';
import { useCliFixture } from '../helpers/cli-fixture';
import { runCli } from '../helpers/run-cli';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { testSecretBox } from '../helpers/test-secret-box';
import { waitUntil } from '../helpers/wait-until';

const MiB = 1024 * 1024;
const PASSWORD = 'hunter2-Pa55';
const COOKIE = 'session=c00kie-V4lue';
const t = useCliFixture('haul-cli-box-');

describe('a download whose credentials the desktop app sealed', () => {
  it('is refused by haul resume without a request, and continued by haul get given them again', async () => {
    const body = makeContent(4 * MiB, 93);
    const requireHeaders = { authorization: `Basic ${Buffer.from(`ann:${PASSWORD}`).toString('base64')}`, cookie: COOKIE };
    t.server.route('/login.iso', { body, quirks: { throttle: MiB, requireHeaders } });
    const url = t.server.url('/login.iso').replace('http://', `http://ann:${PASSWORD}@`);
    const db = join(t.root, 'shared.db');
    const dir = join(t.root, 'downloads');

    // The desktop app starts it, and quits part way.
    const app = new Engine({ store: openSqliteJobStore(db, { exclusive: true, secretBox: testSecretBox() }), defaultDownloadDir: dir });
    const id = app.addJobs([{ url, headers: { Cookie: COOKIE }, connections: 1 }]).added[0]!.id;
    await waitUntil(() => (app.snapshot(id)?.received ?? 0) >= 512 * 1024, 'part of the download');
    await app.close();
    const asked = t.server.requests('/login.iso').length;

    const resumed = await runCli(['resume', '--db', db]);
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toContain(
      `failed: ${t.server.url('/login.iso').replace('http://', 'http://ann:***@')}: Its credentials (the password in its address, its Cookie or Authorization header) are sealed by Haul's desktop app and cannot be opened here: resume it in the desktop app, or give them again. [HAUL_E_CREDENTIALS_SEALED]\n`,
    );
    expect(resumed.stderr).toMatch(/\n {2}to give them here, run haul get with its address, password and --header options as when it was added \(the [\d.]+ [KM]iB kept are used\)\.\n/);
    expect(resumed.stderr).not.toContain(PASSWORD);
    expect(t.server.requests('/login.iso').length).toBe(asked);

    const again = await runCli(['get', '--json', '--db', db, '-d', dir, url, '--header', `Cookie: ${COOKIE}`]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const done = again.lines.find((l) => l.type === 'completed')!;
    expect(done.id).toBe(id);
    expect(done.path).toBe(join(dir, 'login.iso'));
    expect(await sha256File(join(dir, 'login.iso'))).toBe(sha256(body));
    expect(t.server.requests('/login.iso').filter((r) => r.status === 401)).toEqual([]);
    // It went on from the bytes the app had fetched.
    expect(t.server.requests('/login.iso').slice(asked).every((r) => r.range !== undefined && r.range !== 'bytes=0-')).toBe(true);
    // The log (the runs' data folder's) names the download, never its secrets, sealed or not.
    const log = readFileSync(logPath(), 'utf8');
    expect(log).toContain(t.server.url('/login.iso').replace('http://', 'http://ann:***@'));
    for (const secret of [PASSWORD, 'c00kie-V4lue', 'haul-sealed.']) expect(log).not.toContain(secret);
  });
});
