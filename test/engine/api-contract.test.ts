// The one contract, driven the way every transport drives it: untrusted input through invoke().
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../shared/models/job';
import { createHandlers, invoke } from '../../electron/engine/handlers';
import { dataHome, databasePath } from '../../electron/engine/paths';
import { openSqliteJobStore } from '../../electron/engine/store';
import type { JobStore } from '../../electron/engine/store/job-store';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const t = useEngineFixture();

describe('invoke: the validating boundary', () => {
  it('returns {ok:false, error:{code, message}} for bad input and unknown commands, never throws', async () => {
    const handlers = createHandlers(t.h.engine);
    expect(await invoke(handlers, 'jobs.add', { items: [] })).toMatchObject({ ok: false, error: { code: 'HAUL_E_INVALID_INPUT' } });
    expect(await invoke(handlers, 'jobs.add', { items: [{ url: 42 }] })).toMatchObject({ ok: false, error: { code: 'HAUL_E_INVALID_INPUT' } });
    // Messages say what is wrong and where, in English.
    expect(await invoke(handlers, 'settings.set', { maxJobs: 0 })).toMatchObject({
      ok: false,
      error: { code: 'HAUL_E_INVALID_INPUT', message: expect.stringMatching(/too small: expected number to be >=1[\s\S]*maxJobs/i) },
    });
    expect(await invoke(handlers, 'settings.set', { notASetting: 1 })).toMatchObject({
      ok: false,
      error: { code: 'HAUL_E_INVALID_INPUT', message: expect.stringMatching(/unrecognized key[\s\S]*notASetting/i) },
    });
    expect(await invoke(handlers, 'jobs.reorder', { id: 'nope', to: 'top' })).toEqual({ ok: false, error: { code: 'HAUL_E_NOT_FOUND', message: 'No download with id nope.' } });
    expect(await invoke(handlers, 'rm -rf', {})).toMatchObject({ ok: false, error: { code: 'HAUL_E_INVALID_INPUT', message: expect.stringContaining('Unknown command') } });
    expect(await invoke(handlers, 'jobs.list', null)).toMatchObject({ ok: false });
  });

  it('commands on many jobs change the ones they name and report each unknown id, changing nothing for it', async () => {
    const handlers = createHandlers(t.h.engine);
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/a.bin'), paused: true }, { url: t.server.url('/b.bin'), paused: true }]);
    const [a, b] = added.map((j) => j.id) as [string, string];
    expect(await invoke(handlers, 'jobs.cancel', { ids: [a, 'nope', b] })).toEqual({ ok: true, value: { changed: [a, b], unknown: ['nope'] } });
    expect(t.h.engine.list().map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
    expect(await invoke(handlers, 'jobs.update', { ids: ['nope', a], connections: 3 })).toEqual({ ok: true, value: { changed: [a], unknown: ['nope'] } });
    expect(t.h.engine.snapshot(a)?.options.connections).toBe(3);
    expect(await invoke(handlers, 'jobs.remove', { ids: [a, 'gone', a] })).toEqual({ ok: true, value: { changed: [a], unknown: ['gone'] } });
    expect(t.h.engine.list().map((j) => j.id)).toEqual([b]);
    for (const channel of ['jobs.pause', 'jobs.resume', 'jobs.retry'] as const) {
      expect(await invoke(handlers, channel, { ids: ['nope'] })).toEqual({ ok: true, value: { changed: [], unknown: ['nope'] } });
    }
  });

  it('adds the good items and reports each bad one with its index', async () => {
    t.server.route('/ok.bin', { body: makeContent(1000) });
    const r = await invoke(createHandlers(t.h.engine), 'jobs.add', {
      items: [{ url: 'ftp://x/y' }, { url: t.server.url('/ok.bin') }, { url: 'not a url' }, { url: t.server.url('/ok.bin'), name: '..' }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const out = r.value as { added: JobSnapshot[]; rejected: { index: number; error: { code: string } }[] };
    expect(out.added).toHaveLength(1);
    expect(out.rejected.map((x) => [x.index, x.error.code])).toEqual([
      [0, 'HAUL_E_UNSUPPORTED_PROTOCOL'],
      [2, 'HAUL_E_INVALID_URL'],
      [3, 'HAUL_E_INVALID_INPUT'],
    ]);
  });

  it('settings round-trip, persist across a restart, and apply live', async () => {
    const handlers = createHandlers(t.h.engine);
    const set = await invoke(handlers, 'settings.set', { maxJobs: 2, globalSpeedLimit: 1024 * 1024 });
    expect(set).toMatchObject({ ok: true, value: { maxJobs: 2, globalSpeedLimit: 1024 * 1024 } });
    await t.h.engine.close();
    const again = await invoke(createHandlers(t.h.reopen({ overrides: {} })), 'settings.get', {});
    expect(again).toMatchObject({ ok: true, value: { maxJobs: 2, globalSpeedLimit: 1024 * 1024, downloadDir: t.h.downloads } });
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
