// A download given a new address (an expired signed link, a mirror): what was downloaded is kept
// when the file there is the same, and a different file restarts from zero, saying why.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HaulError } from '../../shared/errors';
import { ClientHub } from '../../electron/engine/client/client-hub';
import { createHandlers, invoke, LOCAL_CALLER } from '../../electron/engine/handlers';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { noteInEnglish } from '../helpers/note-in-english';

const MiB = 1024 * 1024;
const t = useEngineFixture();

/** A throttled download of `body` at `path`, with some bytes recorded. */
async function startSlow(path: string, body: Buffer): Promise<string> {
  t.server.route(path, { body, quirks: { throttle: 3 * MiB } });
  const { added } = t.h.engine.addJobs([{ url: t.server.url(path), connections: 4 }]);
  const id = added[0]!.id;
  await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > 2 * MiB, 'some bytes recorded');
  return id;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof HaulError ? err.code : 'not a HaulError';
  }
  return undefined;
}

describe('changing a download’s address', () => {
  it('continues a download whose link expired from its recorded bytes at the new address', async () => {
    const body = makeContent(12 * MiB, 41);
    const id = await startSlow('/signed.bin', body);
    // The link expires: every new request is refused.
    t.server.route('/signed.bin', { body, quirks: { status: 403 } });
    const failed = await t.h.waitFor(id, ['failed']);
    expect(failed.error?.message).toMatch(/403/);
    const recorded = t.h.engine.snapshot(id)!.received;
    expect(recorded).toBeGreaterThan(2 * MiB);

    t.server.route('/fresh-link.bin', { body });
    expect(t.h.engine.changeAddress(id, t.server.url('/fresh-link.bin'))).toEqual([id]);
    const done = await t.h.waitFor(id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(done.url).toBe(t.server.url('/fresh-link.bin'));
    // The file keeps its name and holds the right bytes; recorded bytes were not fetched again
    // (at most what was in flight when a range was cut), and every request asked for the same file.
    expect(await sha256File(join(t.h.downloads, 'signed.bin'))).toBe(sha256(body));
    expect(t.server.bytesSent('/fresh-link.bin')).toBeLessThanOrEqual(body.length - recorded + 2 * MiB);
    const requests = t.server.requests('/fresh-link.bin');
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.range !== undefined && r.ifRange !== undefined)).toBe(true);
  });

  it('restarts from zero when the new address has a different file, and says why', async () => {
    const first = makeContent(8 * MiB, 42);
    const other = makeContent(8 * MiB, 43);
    const id = await startSlow('/a.bin', first);
    t.h.engine.pause([id]);
    await t.h.waitFor(id, ['paused']);

    t.server.route('/b.bin', { body: other });
    t.h.engine.changeAddress(id, t.server.url('/b.bin'));
    // A paused download stays paused with its new address until resumed.
    expect(t.h.engine.snapshot(id)).toMatchObject({ status: 'paused', url: t.server.url('/b.bin') });
    expect(noteInEnglish(t.h.engine.snapshot(id)!.note)).toMatch(/New address/);
    t.h.engine.resume([id]);
    const done = await t.h.waitFor(id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(noteInEnglish(done.note)).toMatch(/Restarted from zero: the file changed on the server/);
    expect(await sha256File(join(t.h.downloads, 'a.bin'))).toBe(sha256(other));
  });

  it('moves a running download to the new address at once', async () => {
    const body = makeContent(16 * MiB, 44);
    t.server.route('/mirror.bin', { body });
    const id = await startSlow('/slow.bin', body);
    const before = t.server.requests('/slow.bin').length;
    t.h.engine.changeAddress(id, t.server.url('/mirror.bin'));
    const done = await t.h.waitFor(id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(await sha256File(join(t.h.downloads, 'slow.bin'))).toBe(sha256(body));
    expect(t.server.requests('/slow.bin').length).toBe(before);
    expect(t.server.requests('/mirror.bin').length).toBeGreaterThan(0);
  });

  it('sends the headers given with the new address instead of the old ones', async () => {
    const body = makeContent(256 * 1024, 45);
    t.server.route('/private.bin', { body, quirks: { status: 401 } });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/private.bin'), headers: { Cookie: 'session=old' } }]);
    const id = added[0]!.id;
    await t.h.waitFor(id, ['failed']);
    t.server.route('/private2.bin', { body });
    t.h.engine.changeAddress(id, t.server.url('/private2.bin'), { Cookie: 'session=new' });
    await t.h.waitFor(id, ['completed']);
    const cookies = t.server.requests('/private2.bin').map((r) => r.headers.cookie);
    expect(cookies.length).toBeGreaterThan(0);
    expect(new Set(cookies)).toEqual(new Set(['session=new']));
    expect(await readFile(join(t.h.downloads, 'private2.bin'))).toEqual(body);
  });

  it('refuses a bad address or a finished download with a clear error, changing nothing', async () => {
    const body = makeContent(64 * 1024, 46);
    t.server.route('/done.bin', { body });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/done.bin') }]);
    const id = added[0]!.id;
    await t.h.waitFor(id, ['completed']);

    const paused = t.h.engine.addJobs([{ url: t.server.url('/later.bin'), paused: true }]).added[0]!.id;
    expect(codeOf(() => t.h.engine.changeAddress(paused, 'ftp://example.com/x'))).toBe('HAUL_E_UNSUPPORTED_PROTOCOL');
    expect(codeOf(() => t.h.engine.changeAddress(paused, 'not a url'))).toBe('HAUL_E_INVALID_URL');
    expect(codeOf(() => t.h.engine.changeAddress('no-such-id', t.server.url('/x')))).toBe('HAUL_E_NOT_FOUND');
    expect(t.h.engine.snapshot(paused)!.url).toBe(t.server.url('/later.bin'));

    // Through the API contract, as the UI will call it.
    const result = await invoke(createHandlers(new ClientHub(t.h.engine), { mode: 'desktop', capabilities: { openFiles: false, pickFolder: false, notifications: false } }), 'jobs.setUrl', { id, url: t.server.url('/other.bin') }, LOCAL_CALLER);
    expect(result).toMatchObject({ ok: false, error: { code: 'HAUL_E_INVALID_STATE' } });
    if (!result.ok) expect(result.error.message).toBe('done.bin is already downloaded: its address can no longer change.');
    expect(t.h.engine.snapshot(id)).toMatchObject({ status: 'completed', url: t.server.url('/done.bin') });
  });

  it('keeps the new address across a restart of the app', async () => {
    const id = t.h.engine.addJobs([{ url: t.server.url('/v1.bin'), paused: true }]).added[0]!.id;
    t.h.engine.changeAddress(id, t.server.url('/v2.bin'));
    await t.h.engine.close();
    t.h.reopen();
    expect(t.h.engine.snapshot(id)).toMatchObject({ status: 'paused', url: t.server.url('/v2.bin') });
    t.server.route('/v2.bin', { body: makeContent(100_000, 47) });
    t.h.engine.resume([id]);
    await t.h.waitFor(id, ['completed']);
    expect(t.server.requests('/v1.bin')).toEqual([]);
  });
});
