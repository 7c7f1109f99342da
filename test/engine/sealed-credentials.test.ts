// A download behind a login, in the desktop app (credentials sealed with a secret box: a real
// AES-GCM one of the test's, standing in for safeStorage) and where the box is missing (the CLI):
// the database never holds the password or the cookie, the app's download still authenticates
// after a restart, and a sealed value never reaches a server or a proxy.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/engine-harness';
import { startQuirkyServer, type QuirkyServer } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { startTestProxy, type TestProxy } from '../helpers/test-proxy';
import { testSecretBox, type TestSecretBox } from '../helpers/test-secret-box';

const MiB = 1024 * 1024;
const PASSWORD = 'hunter2-Pa55';
const COOKIE = 'session=c00kie-V4lue';
const body = makeContent(4 * MiB, 91);

let server: QuirkyServer;
let h: Harness;
let box: TestSecretBox;
let proxy: TestProxy | null = null;
beforeEach(async () => {
  server = await startQuirkyServer();
  box = testSecretBox();
  h = await makeHarness({}, {}, { secretBox: box });
  // Only the right password and cookie get the file; anything else is refused with 401.
  const requireHeaders = { authorization: `Basic ${Buffer.from(`ann:${PASSWORD}`).toString('base64')}`, cookie: COOKIE };
  server.route('/private.iso', { body, quirks: { throttle: MiB, requireHeaders } });
});
afterEach(async () => {
  await h.cleanup();
  await server.close();
  await proxy?.close();
  proxy = null;
});

const privateUrl = (): string => server.url('/private.iso').replace('http://', `http://ann:${PASSWORD}@`);

/** The database's files as anyone able to read them sees them. */
function databaseBytes(): Buffer {
  return Buffer.concat([h.dbPath, `${h.dbPath}-wal`, `${h.dbPath}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

function leaks(bytes: Buffer): string[] {
  return [PASSWORD, 'c00kie-V4lue', Buffer.from(`ann:${PASSWORD}`).toString('base64')].filter((s) => bytes.includes(Buffer.from(s)));
}

/** Starts the download in the app and stops the app once part of it is in. */
async function startedInTheApp(): Promise<string> {
  const { added } = h.engine.addJobs([{ url: privateUrl(), headers: { Cookie: COOKIE }, connections: 2 }]);
  const id = added[0]!.id;
  await h.waitUntil(() => (h.engine.snapshot(id)?.received ?? 0) >= 512 * 1024, 'part of the download');
  const running = databaseBytes();
  expect(running.includes(Buffer.from('private.iso'))).toBe(true); // the right files are read
  expect(leaks(running)).toEqual([]);
  await h.engine.close();
  expect(leaks(databaseBytes())).toEqual([]);
  return id;
}

function refused(): number {
  return server.requests('/private.iso').filter((r) => r.status === 401).length;
}

describe('credentials sealed by the desktop app', () => {
  it('are never in the database, and after a restart with the box the download authenticates and finishes', async () => {
    const id = await startedInTheApp();
    h.reopen({}, { secretBox: box });
    const job = await h.waitFor(id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(refused()).toBe(0);
    expect(box.opened).toBeGreaterThan(0);
  });

  it('where the box is missing, the download fails saying so and sends nothing; back in the app it finishes', async () => {
    const id = await startedInTheApp();
    const asked = server.requests().length;
    h.reopen({}, {});
    const failed = await h.waitFor(id, ['completed', 'failed']);
    expect(failed.error).toEqual({
      code: 'HAUL_E_CREDENTIALS_SEALED',
      message: "Its credentials (the password in its address, its Cookie or Authorization header) are sealed by Haul's desktop app and cannot be opened here: resume it in the desktop app, or give them again.",
    });
    expect(server.requests().length).toBe(asked);
    for (const r of server.requests()) expect(JSON.stringify(r.headers)).not.toContain('haul-sealed');

    await h.engine.close();
    h.reopen({}, { secretBox: box });
    h.engine.retry([id]);
    const job = await h.waitFor(id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(refused()).toBe(0);
  });

  it("a proxy's password sealed in the settings never reaches the proxy where the box is missing", async () => {
    proxy = await startTestProxy({ user: 'px', password: 'pr0xy-Pa55' });
    server.route('/open.bin', { body });
    h.engine.setSettings({ proxyUrl: proxy.url.replace('http://', 'http://px:pr0xy-Pa55@') });
    await h.engine.close();
    expect(databaseBytes().includes(Buffer.from('pr0xy-Pa55'))).toBe(false);

    h.reopen({}, {});
    const { added } = h.engine.addJobs([{ url: server.url('/open.bin') }]);
    const failed = await h.waitFor(added[0]!.id, ['completed', 'failed']);
    const proxyHost = new URL(proxy.url).host;
    expect(failed.error).toEqual({
      code: 'HAUL_E_PROXY',
      message: `The password of the proxy ${proxyHost} in the settings is sealed by Haul's desktop app and cannot be opened here: download it in the desktop app, or give the proxy here (--proxy).`,
    });
    expect(proxy.log).toEqual([]);
    expect(server.requests('/open.bin')).toEqual([]); // nor did it go around the proxy

    await h.engine.close();
    h.reopen({}, { secretBox: box });
    h.engine.retry([added[0]!.id]);
    const job = await h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(proxy.log.length).toBeGreaterThan(0);
    expect(proxy.log.every((e) => e.authorized)).toBe(true);
  });
});
