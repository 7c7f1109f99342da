// Download slots (maxJobs) and host connections (maxPerHost, or fewer when a server throttles):
// a job that cannot get a connection to its host must not hold a slot that another host's job
// could use. Two loopback servers are two hosts; host A's responses are held open by a gate.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../shared/models/job';
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

/** A new engine with these limits; host A's held responses must not count as stalled meanwhile. */
async function engineWith(limits: { maxJobs: number; maxPerHost: number }) {
  await t.h.engine.close();
  return t.h.reopen({ overrides: { ...TEST_SETTINGS, ...limits, stallTimeoutMs: 120_000 } });
}

/** The most jobs seen with a connection open at once, over every progress tick. */
function watchBusyJobs(engine: ReturnType<typeof t.h.reopen>): { max: () => number; stop: () => void } {
  const live = new Map<string, JobSnapshot>();
  let max = 0;
  const stop = engine.events.on('jobs.updated', ({ jobs }) => {
    for (const j of jobs) live.set(j.id, j);
    max = Math.max(max, [...live.values()].filter((j) => j.activeConnections > 0).length);
  });
  return { max: () => max, stop };
}

describe('download slots and host connections', () => {
  it("a queued job whose host has no free connection waits without a slot, and the other host's jobs run", async () => {
    const engine = await engineWith({ maxJobs: 2, maxPerHost: 1 });
    const a = [1, 2, 3].map((i) => makeContent(300_000, i));
    const b = [4, 5].map((i) => makeContent(100_000, i));
    a.forEach((body, i) => t.server.route(`/a${i}.bin`, { body, quirks: { hold: { after: 50_000, until: gate } } }));
    b.forEach((body, i) => hostB.route(`/b${i}.bin`, { body, quirks: { throttle: 200_000 } }));
    const busy = watchBusyJobs(engine);
    const urls = [...a.map((_, i) => t.server.url(`/a${i}.bin`)), ...b.map((_, i) => hostB.url(`/b${i}.bin`))];
    const ids = engine.addJobs(urls.map((url) => ({ url }))).added.map((j) => j.id);
    const [a0, a1, a2, b0, b1] = ids as [string, string, string, string, string];

    // Host A's one connection is held by a0; b0 and b1 take the other slot one after the other.
    for (const id of [b0, b1]) await t.h.waitFor(id, ['completed'], 10_000);
    expect(engine.snapshot(a0)!.status).toBe('active');
    expect([engine.snapshot(a1)!.status, engine.snapshot(a2)!.status]).toEqual(['queued', 'queued']);
    expect([t.server.requests('/a1.bin'), t.server.requests('/a2.bin')]).toEqual([[], []]);

    release();
    const done = await Promise.all(ids.map((id) => t.h.waitFor(id, ['completed', 'failed'])));
    busy.stop();
    for (const [i, job] of done.entries()) expect(await sha256File(job.path!)).toBe(sha256([...a, ...b][i]!));
    expect(t.server.maxConcurrent()).toBe(1);
    expect(busy.max()).toBe(2); // maxJobs still holds
  });

  it('a running download throttled down to no connection gives its slot back, then finishes without spending tries while it waited', async () => {
    const engine = await engineWith({ maxJobs: 2, maxPerHost: 4 });
    const a = [1, 2].map((i) => makeContent(300_000, i));
    const b = [4, 5].map((i) => makeContent(100_000, i));
    // Host A serves one response at a time and answers 503 (Retry-After: 1) to any other.
    a.forEach((body, i) => t.server.route(`/a${i}.bin`, { body, quirks: { maxConnections: 1, hold: { after: 50_000, until: gate } } }));
    b.forEach((body, i) => hostB.route(`/b${i}.bin`, { body, quirks: { throttle: 200_000 } }));
    const busy = watchBusyJobs(engine);
    const urls = [...a.map((_, i) => t.server.url(`/a${i}.bin`)), ...b.map((_, i) => hostB.url(`/b${i}.bin`))];
    const ids = engine.addJobs(urls.map((url) => ({ url, connections: 1 }))).added.map((j) => j.id);
    const [a0, a1, b0, b1] = ids as [string, string, string, string];

    // Both A downloads start; one is answered 503, waits, and finds host A down to one connection.
    for (const id of [b0, b1]) await t.h.waitFor(id, ['completed'], 10_000);
    const [held, waiting] = [engine.snapshot(a0)!, engine.snapshot(a1)!].sort((x, y) => y.activeConnections - x.activeConnections) as [JobSnapshot, JobSnapshot];
    expect([held.status, held.activeConnections, held.retry]).toEqual(['active', 1, null]);
    expect([waiting.status, waiting.activeConnections, waiting.retry?.attempt]).toEqual(['active', 0, 1]);
    expect(t.server.requests().filter((r) => r.status === 503)).toHaveLength(1);

    release();
    const done = await Promise.all(ids.map((id) => t.h.waitFor(id, ['completed', 'failed'])));
    busy.stop();
    for (const [i, job] of done.entries()) expect(await sha256File(job.path!)).toBe(sha256([...a, ...b][i]!));
    expect(busy.max()).toBe(2); // maxJobs still holds
  });

  it("a resumed download's first connection is the one taken for it when it started", async () => {
    const engine = await engineWith({ maxJobs: 2, maxPerHost: 1 });
    const body = makeContent(600_000, 7);
    t.server.route('/r.bin', { body, quirks: { throttle: 200_000 } });
    const id = engine.addJobs([{ url: t.server.url('/r.bin') }]).added[0]!.id;
    await t.h.waitUntil(() => (engine.snapshot(id)?.received ?? 0) > 100_000, 'some bytes');
    engine.pause([id]);
    const paused = await t.h.waitFor(id, ['paused']);
    expect(paused.received).toBeGreaterThan(0);
    engine.resume([id]);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const resumedAt = t.server.requests('/r.bin').at(-1)!.range;
    expect(resumedAt).toMatch(/^bytes=[1-9]\d*-/);
    expect(t.server.maxConcurrent()).toBe(1);
  });
});
