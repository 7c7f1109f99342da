// A download that waits for a free connection to its host says so to clients (waiting: 'host'),
// whether it is queued and passed over or running with every connection it wants waiting, and
// stops saying so once it moves. Host A's responses are held open by a gate; host B is free.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../shared/api/contract';
import type { JobRow } from '../../shared/models/job-row';
import { ClientHub } from '../../electron/engine/client/client-hub';
import { createHandlers, invoke } from '../../electron/engine/handlers';
import { TEST_SETTINGS } from '../helpers/engine-harness';
import { useEngineFixture } from '../helpers/engine-fixture';
import { startQuirkyServer, type QuirkyServer } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const t = useEngineFixture();
let hostB: QuirkyServer;
let release: () => void;
let gate: Promise<void>;

beforeEach(async () => {
  hostB = await startQuirkyServer();
  gate = new Promise<void>((resolve) => (release = resolve));
});
afterEach(async () => {
  release();
  await hostB.close();
});

async function engineWith(limits: { maxJobs: number; maxPerHost: number }) {
  await t.h.engine.close();
  return t.h.reopen({ overrides: { ...TEST_SETTINGS, ...limits, stallTimeoutMs: 120_000 } });
}

/** A client of the engine, as the UI is: rows from jobs.list, patches from jobs.changed. */
function client(engine: ReturnType<typeof t.h.reopen>) {
  const hub = new ClientHub(engine);
  const handlers = createHandlers(hub, { mode: 'web', capabilities: { openFiles: false, pickFolder: false, notifications: false } });
  const changes: EventMap['jobs.changed'][] = [];
  // Each row as the events built it, and every state a row was in while it said it waits.
  const rows = new Map<string, JobRow>();
  const waitingStates: JobRow[] = [];
  const session = hub.session((event, payload) => {
    if (event !== 'jobs.changed') return;
    const change = structuredClone(payload as EventMap['jobs.changed']);
    changes.push(change);
    for (const patch of change.rows) {
      const row = { ...rows.get(patch.id), ...patch } as JobRow;
      rows.set(patch.id, row);
      if (row.waiting === 'host') waitingStates.push(row);
    }
  }, true);
  return {
    waitingStates,
    async rows(): Promise<Map<string, JobRow>> {
      const r = await invoke(handlers, 'jobs.list', {}, session);
      if (!r.ok) throw new Error(r.error.message);
      return new Map((r.value as { rows: JobRow[] }).rows.map((row) => [row.id, row]));
    },
    /** The last `waiting` an event carried for the job (undefined: none carried it). */
    lastWaiting: (id: string) => changes.flatMap((c) => c.rows).filter((p) => p.id === id && 'waiting' in p).at(-1)?.waiting,
    close: () => session.close(),
  };
}

describe('waiting for a connection to the host', () => {
  it('a queued job passed over for want of a host connection shows waiting: host, and stops once it runs', async () => {
    const engine = await engineWith({ maxJobs: 3, maxPerHost: 1 });
    const c = client(engine);
    const a = [1, 2].map((i) => makeContent(300_000, i));
    a.forEach((body, i) => t.server.route(`/a${i}.bin`, { body, quirks: { hold: { after: 50_000, until: gate } } }));
    const b = makeContent(100_000, 9);
    hostB.route('/b.bin', { body: b });
    const [a0, a1, b0] = engine.addJobs([{ url: t.server.url('/a0.bin') }, { url: t.server.url('/a1.bin') }, { url: hostB.url('/b.bin') }]).added.map((j) => j.id) as [string, string, string];

    await t.h.waitFor(b0, ['completed']);
    await t.h.waitUntil(() => engine.snapshot(a1)?.waiting === 'host', 'a1 to wait for its host');
    // A list shows rows as the last event left them (its seq): wait for the event, then list.
    await t.h.waitUntil(() => c.lastWaiting(a1) === 'host', 'an event to say a1 waits');
    const rows = await c.rows();
    expect([rows.get(a0)!.status, rows.get(a0)!.waiting]).toEqual(['active', null]);
    expect([rows.get(a1)!.status, rows.get(a1)!.waiting]).toEqual(['queued', 'host']);
    expect(rows.get(b0)!.waiting).toBeNull();

    release();
    const done = await Promise.all([a0, a1].map((id) => t.h.waitFor(id, ['completed', 'failed'])));
    for (const [i, job] of done.entries()) expect(await sha256File(job.path!)).toBe(sha256(a[i]!));
    await t.h.waitUntil(() => c.lastWaiting(a1) === null, 'an event to say a1 no longer waits');
    expect((await c.rows()).get(a1)!.waiting).toBeNull();
    c.close();
  });

  it('a running download whose every connection waits for its host shows active, no connection, waiting: host', async () => {
    const engine = await engineWith({ maxJobs: 2, maxPerHost: 4 });
    const c = client(engine);
    const a = [1, 2].map((i) => makeContent(300_000, i));
    // Host A serves one response at a time and answers 503 (Retry-After: 1) to any other: the
    // download answered 503 finds host A down to one connection, held by the other one.
    a.forEach((body, i) => t.server.route(`/a${i}.bin`, { body, quirks: { maxConnections: 1, hold: { after: 50_000, until: gate } } }));
    const ids = engine.addJobs(a.map((_, i) => ({ url: t.server.url(`/a${i}.bin`), connections: 1 }))).added.map((j) => j.id);

    // What clients were told while it waited (the server's own limit lets it try again now and then).
    await t.h.waitUntil(() => c.waitingStates.length > 0, 'an event to say a download waits for its host');
    expect(c.waitingStates.map((r) => [r.status, r.activeConnections])).toContainEqual(['active', 0]);
    const waitingId = c.waitingStates[0]!.id;
    const other = ids.find((id) => id !== waitingId)!;
    expect(c.waitingStates.map((r) => r.id)).not.toContain(other);

    release();
    const done = await Promise.all(ids.map((id) => t.h.waitFor(id, ['completed', 'failed'])));
    for (const [i, job] of done.entries()) expect(await sha256File(job.path!)).toBe(sha256(a[i]!));
    expect(done.map((j) => j.waiting)).toEqual([null, null]);
    c.close();
  });
});
