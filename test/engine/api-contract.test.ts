// The one contract, driven the way every transport drives it: untrusted input through invoke().
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine';
import { ClientHub } from '../../electron/engine/client/client-hub';
import { createHandlers, invoke, LOCAL_CALLER } from '../../electron/engine/handlers';
import { dataHome, databasePath } from '../../electron/engine/paths';
import { openSqliteJobStore } from '../../electron/engine/store';
import type { JobStore } from '../../electron/engine/store/job-store';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const t = useEngineFixture();

const DESKTOP = { mode: 'desktop', capabilities: { openFiles: false, pickFolder: false, notifications: true } } as const;
const handlersOf = (engine: Engine) => createHandlers(new ClientHub(engine), DESKTOP);
const call = (handlers: ReturnType<typeof handlersOf>, channel: string, input: unknown) => invoke(handlers, channel, input, LOCAL_CALLER);

describe('invoke: the validating boundary', () => {
  it('returns {ok:false, error:{code, message}} for bad input and unknown commands, never throws', async () => {
    const handlers = handlersOf(t.h.engine);
    expect(await call(handlers, 'jobs.add', { items: [] })).toMatchObject({ ok: false, error: { code: 'HAUL_E_INVALID_INPUT' } });
    // Messages say what is wrong and where, in English.
    expect(await call(handlers, 'settings.set', { maxJobs: 0 })).toMatchObject({
      ok: false,
      error: { code: 'HAUL_E_INVALID_INPUT', message: expect.stringMatching(/too small: expected number to be >=1[\s\S]*maxJobs/i) },
    });
    expect(await call(handlers, 'settings.set', { notASetting: 1 })).toMatchObject({
      ok: false,
      error: { code: 'HAUL_E_INVALID_INPUT', message: expect.stringMatching(/unrecognized key[\s\S]*notASetting/i) },
    });
    expect(await call(handlers, 'jobs.reorder', { ids: ['nope'], to: 'top' })).toEqual({ ok: true, value: { changed: [], unknown: ['nope'] } });
    expect(await call(handlers, 'jobs.get', { id: 'nope' })).toEqual({ ok: false, error: { code: 'HAUL_E_NOT_FOUND', message: 'No download with id nope.' } });
    expect(await call(handlers, 'rm -rf', {})).toMatchObject({ ok: false, error: { code: 'HAUL_E_INVALID_INPUT', message: expect.stringContaining('Unknown command') } });
    expect(await call(handlers, 'jobs.list', null)).toMatchObject({ ok: false });
  });

  it('commands on many jobs change the ones they name and report each unknown id, changing nothing for it', async () => {
    const handlers = handlersOf(t.h.engine);
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/a.bin'), paused: true }, { url: t.server.url('/b.bin'), paused: true }]);
    const [a, b] = added.map((j) => j.id) as [string, string];
    expect(await call(handlers, 'jobs.cancel', { ids: [a, 'nope', b] })).toEqual({ ok: true, value: { changed: [a, b], unknown: ['nope'] } });
    expect(t.h.engine.list().map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
    expect(await call(handlers, 'jobs.update', { ids: ['nope', a], connections: 3 })).toEqual({ ok: true, value: { changed: [a], unknown: ['nope'] } });
    expect(t.h.engine.snapshot(a)?.options.connections).toBe(3);
    expect(await call(handlers, 'jobs.remove', { ids: [a, 'gone', a] })).toEqual({ ok: true, value: { changed: [a], unknown: ['gone'] } });
    expect(t.h.engine.list().map((j) => j.id)).toEqual([b]);
    for (const channel of ['jobs.pause', 'jobs.resume', 'jobs.retry'] as const) {
      expect(await call(handlers, channel, { ids: ['nope'] })).toEqual({ ok: true, value: { changed: [], unknown: ['nope'] } });
    }
  });

  it('adds the good items and reports each bad one with its index, even one the schema refuses', async () => {
    t.server.route('/ok.bin', { body: makeContent(1000) });
    const r = await call(handlersOf(t.h.engine), 'jobs.add', {
      items: [
        { url: 'ftp://x/y' },
        { url: t.server.url('/ok.bin') },
        { url: 'not a url' },
        { url: t.server.url('/ok.bin'), name: '..' },
        { url: 42 },
        { url: t.server.url('/ok.bin'), headers: { 'X-A': 'one\r\nHost: evil' } },
        { url: t.server.url('/ok.bin'), paused: true },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const out = r.value as { ids: string[]; rejected: { index: number; error: { code: string; message: string } }[] };
    expect(out.ids).toHaveLength(2);
    expect(out.ids.map((id) => t.h.engine.snapshot(id)?.status)).toEqual([expect.any(String), 'paused']);
    expect(out.rejected.map((x) => [x.index, x.error.code])).toEqual([
      [0, 'HAUL_E_UNSUPPORTED_PROTOCOL'],
      [2, 'HAUL_E_INVALID_URL'],
      [3, 'HAUL_E_INVALID_INPUT'],
      [4, 'HAUL_E_INVALID_INPUT'],
      [5, 'HAUL_E_INVALID_INPUT'],
    ]);
    expect(out.rejected[4]!.error.message).toContain('a header value cannot hold a line break');
  });

  it('settings round-trip, persist across a restart, and apply live', async () => {
    const handlers = handlersOf(t.h.engine);
    const set = await call(handlers, 'settings.set', { maxJobs: 2, globalSpeedLimit: 1024 * 1024 });
    expect(set).toMatchObject({ ok: true, value: { maxJobs: 2, globalSpeedLimit: 1024 * 1024 } });
    await t.h.engine.close();
    const again = await call(handlersOf(t.h.reopen({ overrides: {} })), 'settings.get', {});
    // The download folder is a choice ("the platform's Downloads folder": empty), not today's path.
    expect(again).toMatchObject({ ok: true, value: { maxJobs: 2, globalSpeedLimit: 1024 * 1024, downloadDir: '' } });
  });

  it('the default per-download speed limit applies to new downloads that set none, not to those that do', async () => {
    const handlers = handlersOf(t.h.engine);
    expect(await call(handlers, 'settings.set', { defaultSpeedLimit: 0 })).toMatchObject({ ok: false, error: { code: 'HAUL_E_INVALID_INPUT' } });
    expect(await call(handlers, 'settings.set', { defaultSpeedLimit: 256 * 1024 })).toMatchObject({ ok: true, value: { defaultSpeedLimit: 256 * 1024 } });
    const url = t.server.url('/limited.bin');
    const added = await call(handlers, 'jobs.add', {
      items: [
        { url, paused: true },
        { url, paused: true, speedLimit: 64 * 1024 },
        { url, paused: true, speedLimit: null },
      ],
    });
    if (!added.ok) throw new Error(added.error.message);
    const { ids } = added.value as { ids: string[] };
    const limits = await Promise.all(
      ids.map(async (id) => {
        const got = await call(handlers, 'jobs.get', { id });
        if (!got.ok) throw new Error(got.error.message);
        return (got.value as { options: { speedLimit: number | null } }).options.speedLimit;
      }),
    );
    expect(limits).toEqual([256 * 1024, 64 * 1024, null]);
    // Kept across a restart, like every setting.
    await t.h.engine.close();
    const again = await call(handlersOf(t.h.reopen({ overrides: {} })), 'settings.get', {});
    expect(again).toMatchObject({ ok: true, value: { defaultSpeedLimit: 256 * 1024 } });
  });
});

describe('events', () => {
  it('batches progress: at most ~10 jobs.updated events per second whatever the number of jobs', async () => {
    const body = makeContent(MiB, 5);
    for (let i = 0; i < 20; i++) t.server.route(`/e${i}`, { body, quirks: { throttle: MiB } });
    await t.h.engine.close();
    t.h.reopen({ tickMs: 100 });
    t.h.engine.setSettings({ maxJobs: 20 });
    const times: number[] = [];
    const off = t.h.engine.events.on('jobs.updated', () => times.push(Date.now()));
    const { added } = t.h.engine.addJobs(Array.from({ length: 20 }, (_, i) => ({ url: t.server.url(`/e${i}`), connections: 1 })));
    for (const j of added) await t.h.waitFor(j.id, ['completed']);
    off();
    const span = (times.at(-1)! - times[0]!) / 1000;
    expect(times.length).toBeGreaterThan(3);
    expect(times.length).toBeLessThanOrEqual(Math.ceil(span * 10) + 2);
  });

  it('commits to the database at most twice a second however many jobs change, recording as it goes', async () => {
    // Sixteen downloads of different lengths: starts, progress and finishes spread over ~2 s.
    const bodies = Array.from({ length: 16 }, (_, i) => makeContent(MiB / 2 + i * 96 * 1024, 20 + i));
    bodies.forEach((body, i) => t.server.route(`/c${i}`, { body, quirks: { throttle: MiB } }));
    await t.h.engine.close();
    const store = openSqliteJobStore(t.h.dbPath);
    const commits: { at: number; recorded: number }[] = [];
    const counted: JobStore = {
      ...store,
      saveProgress: (entries) => {
        store.saveProgress(entries);
        const recorded = entries.reduce((n, e) => n + store.loadSegments(e.id).reduce((m, seg) => m + seg.done, 0), 0);
        commits.push({ at: Date.now(), recorded });
      },
    };
    t.h.reopen({ store: counted, flushMs: 500 });
    t.h.engine.setSettings({ maxJobs: 16 });
    const { added } = t.h.engine.addJobs(bodies.map((_, i) => ({ url: t.server.url(`/c${i}`), connections: 1 })));
    for (const [i, j] of added.entries()) {
      const job = await t.h.waitFor(j.id, ['completed']);
      expect(await sha256File(job.path!)).toBe(sha256(bodies[i]!));
    }
    const span = (commits.at(-1)!.at - commits[0]!.at) / 1000;
    expect(span).toBeGreaterThan(0.5);
    expect(commits.length).toBeLessThanOrEqual(Math.ceil(span * 2) + 2);
    // Ranges were recorded while the downloads ran, not only at the end.
    expect(commits.some((c) => c.recorded > 0)).toBe(true);
  });
});

describe('per-job options', () => {
  it('changes a running job’s speed limit and connection count live', async () => {
    const body = makeContent(4 * MiB, 6);
    t.server.route('/live.bin', { body, quirks: { throttle: 2 * MiB } });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/live.bin'), connections: 1, speedLimit: 64 * 1024 }]);
    const id = added[0]!.id;
    await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > 0 || t.h.engine.snapshot(id)!.speed > 0, 'a first byte');
    expect(t.h.engine.updateOptions([id], { speedLimit: null, connections: 6 })).toEqual({ changed: [id], unknown: [] });
    await t.h.waitUntil(() => t.server.concurrent('/live.bin') > 1, 'more connections');
    const job = await t.h.waitFor(id, ['completed']);
    expect(job.options).toMatchObject({ speedLimit: null, connections: 6 });
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });
});

describe('folders', () => {
  it('fails clearly when the download folder cannot be created, and writes nothing', async () => {
    const file = join(t.h.root, 'a-file');
    await writeFile(file, 'x');
    t.server.route('/w.bin', { body: makeContent(1000) });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/w.bin'), dir: join(file, 'sub') }]);
    const job = await t.h.waitFor(added[0]!.id, ['failed', 'paused', 'completed']);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('HAUL_E_NOT_WRITABLE');
    expect(job.error?.message).toContain(join(file, 'sub'));
  });

  it('keeps its data under HAUL_HOME when set, else in the platform user-data folder', () => {
    expect(dataHome({ HAUL_HOME: '/tmp/hh' })).toBe('/tmp/hh');
    expect(databasePath({ HAUL_HOME: '/tmp/hh' })).toBe('/tmp/hh/haul.db');
    expect(dataHome({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe('/x/cfg/Haul');
    expect(dataHome({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.Haul$/);
  });
});
