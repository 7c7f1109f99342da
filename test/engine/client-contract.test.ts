// What a UI client gets through the contract: compact rows by filter, search and sort with
// counts; events that carry only what changed, numbered, and agree with the list; details only
// for watched jobs; no secrets anywhere; prefs apart from settings; the new batch commands.
import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallContext, EventMap, EventName, Handlers } from '../../shared/api/contract';
import type { JobRow } from '../../shared/models/job-row';
import { SECRET_SET } from '../../shared/redact';
import { ClientHub } from '../../electron/engine/client/client-hub';
import { createHandlers, invoke } from '../../electron/engine/handlers';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const t = useEngineFixture();

interface Client {
  handlers: Handlers;
  ctx: CallContext;
  events: { event: EventName; payload: unknown; at: number }[];
  call<T = unknown>(channel: string, input: unknown): Promise<T>;
  received<E extends EventName>(event: E): EventMap[E][];
  close(): void;
}

function connect(remote = false): Client {
  const hub = new ClientHub(t.h.engine);
  const handlers = createHandlers(hub, { mode: remote ? 'web' : 'desktop', capabilities: { openFiles: !remote, pickFolder: !remote, notifications: !remote } });
  const events: Client['events'] = [];
  const session = hub.session((event, payload) => events.push({ event, payload: structuredClone(payload), at: Date.now() }), remote);
  return {
    handlers,
    ctx: session,
    events,
    async call<T>(channel: string, input: unknown): Promise<T> {
      const r = await invoke(handlers, channel, input, session);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
    received: <E extends EventName>(event: E) => events.filter((e) => e.event === event).map((e) => e.payload as EventMap[E]),
    close: () => session.close(),
  };
}

/** Applies jobs.changed events after `seq` to a list's rows, as a client store does. */
function applyEvents(rows: JobRow[], seq: number, events: EventMap['jobs.changed'][]): Map<string, JobRow> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const e of events) {
    if (e.seq <= seq) continue;
    for (const patch of e.rows) byId.set(patch.id, { ...byId.get(patch.id), ...patch } as JobRow);
    for (const id of e.removed) byId.delete(id);
  }
  return byId;
}

describe('jobs.list', () => {
  it('gives compact rows by filter, search and sort, with counts per filter and the total found', async () => {
    const c = connect();
    const names = ['Beta.iso', 'alpha-2.zip', 'alpha-10.zip', 'gamma.txt'];
    const ids = (await c.call<{ ids: string[] }>('jobs.add', { items: names.map((name, i) => ({ url: t.server.url(`/f${i}`), name, paused: true })) })).ids;
    await c.call('jobs.cancel', { ids: [ids[3]] });
    const all = await c.call<{ rows: JobRow[]; total: number; counts: Record<string, number> }>('jobs.list', {});
    expect(all.rows.map((r) => r.name)).toEqual(names);
    expect(all.total).toBe(4);
    expect(all.counts).toEqual({ all: 4, active: 0, queued: 0, paused: 3, completed: 0, failed: 1 });
    // Compact: no segments, no options.
    expect(Object.keys(all.rows[0]!)).not.toContain('segments');
    expect(Object.keys(all.rows[0]!)).not.toContain('options');

    const byName = await c.call<{ rows: JobRow[] }>('jobs.list', { sort: { key: 'name', dir: 'asc' } });
    expect(byName.rows.map((r) => r.name)).toEqual(['alpha-2.zip', 'alpha-10.zip', 'Beta.iso', 'gamma.txt']);
    const found = await c.call<{ rows: JobRow[]; total: number }>('jobs.list', { search: 'ALPHA', sort: { key: 'name', dir: 'desc' }, limit: 1 });
    expect([found.total, found.rows.map((r) => r.name)]).toEqual([2, ['alpha-10.zip']]);
    const byAddress = await c.call<{ rows: JobRow[] }>('jobs.list', { search: '/f3' });
    expect(byAddress.rows.map((r) => r.id)).toEqual([ids[3]]);
    const failed = await c.call<{ rows: JobRow[] }>('jobs.list', { filter: 'failed' });
    expect(failed.rows.map((r) => [r.id, r.status])).toEqual([[ids[3], 'cancelled']]);
    c.close();
  });

  it('makes the rows of jobs no event has carried once, and still lists every change that follows', async () => {
    const body = makeContent(200_000, 7);
    for (let i = 0; i < 3; i++) t.server.route(`/q${i}`, { body });
    const { ids } = await connect().call<{ ids: string[] }>('jobs.add', { items: [0, 1, 2].map((i) => ({ url: t.server.url(`/q${i}`), paused: true })) });
    // Restored at start: no event of this engine has carried them.
    await t.h.engine.close();
    t.h.reopen();
    const c = connect();
    const before = await c.call<{ rows: JobRow[] }>('jobs.list', {});
    expect(before.rows.map((r) => [r.id, r.status])).toEqual(ids.map((id) => [id, 'paused']));
    expect(await c.call<{ rows: JobRow[] }>('jobs.list', {})).toMatchObject({ rows: before.rows });

    await c.call('jobs.resume', { ids: [ids[0]] });
    await c.call('jobs.remove', { ids: [ids[1]] });
    await t.h.waitUntil(() => {
      const events = c.received('jobs.changed');
      return events.some((e) => e.removed.includes(ids[1]!)) && events.some((e) => e.rows.some((r) => r.id === ids[0] && r.status === 'completed'));
    }, 'the events of the completion and the removal');
    const after = await c.call<{ rows: JobRow[] }>('jobs.list', {});
    expect(after.rows.map((r) => [r.id, r.status, r.received])).toEqual([
      [ids[0], 'completed', body.length],
      [ids[2], 'paused', 0],
    ]);
    c.close();
  });

  it('agrees with the event stream: a list plus the events after its seq is what the engine has', async () => {
    const body = makeContent(600_000, 3);
    for (let i = 0; i < 6; i++) t.server.route(`/s${i}`, { body, quirks: { throttle: 2_000_000 } });
    const c = connect();
    const { ids } = await c.call<{ ids: string[] }>('jobs.add', { items: Array.from({ length: 6 }, (_, i) => ({ url: t.server.url(`/s${i}`), connections: 2 })) });
    await t.h.waitUntil(() => c.received('jobs.changed').length >= 3, 'a few events');
    const list = await c.call<{ rows: JobRow[]; seq: number }>('jobs.list', {});
    for (const id of ids) await t.h.waitFor(id, ['completed']);
    const seqs = c.received('jobs.changed').map((e) => e.seq);
    // Numbered one by one, from 1.
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    await t.h.waitUntil(() => {
      const rows = applyEvents(list.rows, list.seq, c.received('jobs.changed'));
      return ids.every((id) => rows.get(id)?.status === 'completed' && rows.get(id)?.received === body.length);
    }, 'the client to see every job completed through its events');
    const last = c.received('jobs.changed').at(-1)!;
    expect(last.counts).toMatchObject({ all: 6, completed: 6, active: 0 });
    c.close();
  });
});

describe('jobs.changed events', () => {
  it('carry only the fields that changed, at most ~10 a second, segments never', async () => {
    const body = makeContent(2 * 1024 * 1024, 4);
    t.server.route('/p.bin', { body, quirks: { throttle: 256 * 1024 } });
    await t.h.engine.close();
    t.h.reopen({ tickMs: 100 }); // the app's tick (tests run faster ones)
    const c = connect();
    const { ids } = await c.call<{ ids: string[] }>('jobs.add', { items: [{ url: t.server.url('/p.bin'), connections: 4 }] });
    const job = await t.h.waitFor(ids[0]!, ['completed']);
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const changed = c.received('jobs.changed');
    const patches = changed.flatMap((e) => e.rows);
    // The first carries the whole row, later ones a few fields: never the address again.
    expect(patches[0]).toMatchObject({ id: ids[0], url: t.server.url('/p.bin') });
    const progress = patches.filter((p) => p.received !== undefined).slice(1);
    expect(progress.length).toBeGreaterThan(3);
    for (const p of progress) {
      expect(p.url).toBeUndefined();
      expect(p).not.toHaveProperty('segments');
    }
    // While running over several connections, rows carry the bar (ranges in thousandths).
    expect(patches.some((p) => Array.isArray(p.bar) && p.bar.length > 1)).toBe(true);
    const times = c.events.filter((e) => e.event === 'jobs.changed').map((e) => e.at);
    const seconds = (times.at(-1)! - times[0]!) / 1000;
    expect(times.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2);
    expect(c.received('jobs.detail')).toHaveLength(0);
    c.close();
  });

  it('bring details (segments, history) only for the jobs this client watches', async () => {
    const body = makeContent(1024 * 1024, 5);
    t.server.route('/w1', { body, quirks: { throttle: 1024 * 1024 } });
    t.server.route('/w2', { body, quirks: { throttle: 1024 * 1024 } });
    const watcher = connect();
    const other = connect();
    const { ids } = await watcher.call<{ ids: string[] }>('jobs.add', { items: [{ url: t.server.url('/w1'), connections: 2 }, { url: t.server.url('/w2') }] });
    await watcher.call('jobs.watch', { ids: [ids[0]] });
    for (const id of ids) await t.h.waitFor(id, ['completed']);
    await t.h.waitUntil(() => watcher.received('jobs.detail').some((d) => d.status === 'completed'), 'the completed detail');
    const details = watcher.received('jobs.detail');
    expect(new Set(details.map((d) => d.id))).toEqual(new Set([ids[0]]));
    expect(details.some((d) => d.segments.length >= 2)).toBe(true);
    expect(details.at(-1)!.history.map((e) => e.kind)).toEqual(expect.arrayContaining(['started', 'completed']));
    expect(other.received('jobs.detail')).toHaveLength(0);
    watcher.close();
    other.close();
  });
});

describe('secrets', () => {
  it('never reach a client: not in rows, details, events nor history', async () => {
    t.server.route('/secret.bin', { body: makeContent(50_000) });
    const c = connect();
    const url = t.server.url('/secret.bin').replace('http://', 'http://me:hunter2@');
    const { ids } = await c.call<{ ids: string[] }>('jobs.add', {
      items: [{ url, headers: { Cookie: 'sid=topsecret', Authorization: 'Bearer tok-123', 'X-Trace': 'visible' }, mirrors: [url.replace('secret', 'mirror')] }],
    });
    await c.call('jobs.watch', { ids });
    await t.h.waitFor(ids[0]!, ['completed', 'failed']);
    const detail = await c.call<{ url: string; options: { headers: Record<string, string>; mirrors?: string[] } }>('jobs.get', { id: ids[0] });
    expect(detail.options.headers).toEqual({ Cookie: SECRET_SET, Authorization: SECRET_SET, 'X-Trace': 'visible' });
    expect(detail.url).toContain('me:***@');
    const everything = JSON.stringify([detail, c.events, await c.call('jobs.list', {})]);
    for (const secret of ['hunter2', 'topsecret', 'tok-123']) expect(everything).not.toContain(secret);
    // The engine itself still has them: the download used them.
    expect(t.h.engine.snapshot(ids[0]!)!.options.headers.Cookie).toBe('sid=topsecret');
    c.close();
  });
});

describe('commands for the UI', () => {
  it('app.info says who serves and what the transport can do', async () => {
    const info = await connect(true).call<{ mode: string; version: string; capabilities: { openFiles: boolean }; defaultDownloadDir: string }>('app.info', {});
    expect(info).toMatchObject({ mode: 'web', version: expect.stringMatching(/^\d+\.\d+\.\d+/), capabilities: { openFiles: false } });
    expect(isAbsolute(info.defaultDownloadDir)).toBe(true);
  });

  it('a browser (remote) must give full paths: a relative folder is refused for that line only', async () => {
    const web = connect(true);
    const out = await web.call<{ ids: string[]; rejected: { index: number; error: { message: string } }[] }>('jobs.add', {
      items: [{ url: t.server.url('/a'), dir: 'relative/dir', paused: true }, { url: t.server.url('/b'), dir: t.h.root, paused: true }],
    });
    expect(out.ids).toHaveLength(1);
    expect(out.rejected).toEqual([{ index: 0, input: 'relative/dir', error: { code: 'HAUL_E_INVALID_INPUT', message: expect.stringContaining('must be a full path') } }]);
    await expect(web.call('settings.set', { downloadDir: 'here' })).rejects.toThrow(/must be a full path/);
    // The same folder from the desktop is taken (relative to where it runs).
    const local = await connect(false).call<{ ids: string[] }>('jobs.add', { items: [{ url: t.server.url('/c'), dir: 'relative/dir', paused: true }] });
    expect(local.ids).toHaveLength(1);
  });

  it('prefs round-trip, survive a restart, reach other clients and never touch the engine settings', async () => {
    const a = connect();
    const b = connect();
    const before = t.h.engine.getSettings();
    const prefs = await a.call<{ theme: string; density: string }>('prefs.set', { theme: 'dark', density: 'compact' });
    expect(prefs).toMatchObject({ theme: 'dark', density: 'compact', language: 'system' });
    expect(b.received('prefs.changed').at(-1)).toMatchObject({ theme: 'dark' });
    expect(b.received('settings.changed')).toHaveLength(0);
    expect(t.h.engine.getSettings()).toEqual(before);
    await expect(a.call('prefs.set', { theme: 'purple' })).rejects.toThrow(/HAUL_E_INVALID_INPUT/);
    await t.h.engine.close();
    t.h.reopen();
    expect(await connect().call('prefs.get', {})).toMatchObject({ theme: 'dark', density: 'compact' });
  });

  it('removeWhere clears every completed (or failed) job at once; reorder moves a selection as one block', async () => {
    const c = connect();
    const names = () => t.h.engine.list().map((j) => j.requestedName);
    const { ids } = await c.call<{ ids: string[] }>('jobs.add', { items: ['a', 'b', 'c', 'd', 'e'].map((n) => ({ url: t.server.url(`/${n}`), name: n, paused: true })) });
    expect(await c.call('jobs.reorder', { ids: [ids[3], ids[1]], to: 'top' })).toEqual({ changed: [ids[1], ids[3]], unknown: [] });
    expect(names()).toEqual(['b', 'd', 'a', 'c', 'e']);
    await c.call('jobs.reorder', { ids: [ids[4]], to: 'up' });
    expect(names()).toEqual(['b', 'd', 'a', 'e', 'c']);
    await c.call('jobs.cancel', { ids: [ids[0], ids[2]] });
    const removed = await c.call<{ changed: string[] }>('jobs.removeWhere', { filter: 'failed' });
    expect(removed.changed.sort()).toEqual([ids[0], ids[2]].sort());
    expect(names()).toEqual(['b', 'd', 'e']);
    expect(await c.call('jobs.removeWhere', { filter: 'completed' })).toEqual({ changed: [], unknown: [] });
  });
});
