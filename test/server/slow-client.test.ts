// A browser that stops reading (a stopped tab, a dead network) must not make `haul serve` buffer
// without bound: its events are held and merged, and reach it as one event it can apply once it
// reads again. One that stays stuck is closed (it reconnects and lists again).
import { describe, expect, it } from 'vitest';
import type { EventMap, JobList } from '../../shared/api/contract';
import { CLOSE_TOO_SLOW } from '../../shared/api/ws-protocol';
import { createHandlers, invoke, LOCAL_CALLER } from '../../electron/engine/handlers';
import { applyChanged, fromList, type RowsState } from '../../renderer/src/store/job-rows';
import { connectWebClient } from '../helpers/web-client';
import { useWebFixture, type WebFixture } from '../helpers/web-fixture';
import { waitUntil } from '../helpers/wait-until';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Adds `batches` × `perBatch` paused jobs with long addresses, each batch in an event of its own (~0.8 MiB each). */
async function addInBatches(f: WebFixture, batches: number, perBatch: number): Promise<void> {
  const handlers = createHandlers(f.hub, { mode: 'cli', capabilities: { openFiles: false, pickFolder: false, notifications: false } });
  for (let b = 0; b < batches; b++) {
    const seq = f.hub.feed.seq;
    const items = Array.from({ length: perBatch }, (_, i) => ({ url: f.files.url(`/slow/${b}-${i}.bin?pad=${'p'.repeat(4000)}`), paused: true }));
    const r = await invoke(handlers, 'jobs.add', { items }, LOCAL_CALLER);
    if (!r.ok) throw new Error(r.error.message);
    await waitUntil(() => f.hub.feed.seq > seq, 'the batch to be sent as an event');
  }
}

describe('a client that stops reading', () => {
  const f = useWebFixture({ holdAbove: 64 * KiB, closeAbove: 512 * MiB, stuckMs: 600_000 });

  it('costs a bounded backlog, then gets the held changes merged into one event that brings its list up to date', async () => {
    const c = await connectWebClient(f.target);
    const list = await c.call<JobList>('jobs.list', {});
    c.socket.pause();
    let worst = 0;
    const sampler = setInterval(() => (worst = Math.max(worst, ...f.web.backlogs())), 5);
    await addInBatches(f, 20, 200);
    clearInterval(sampler);
    // ~17 MiB of events went out meanwhile; without holding, all but what the kernel takes would wait here.
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(2 * MiB);

    c.socket.resume();
    const last = f.hub.feed.seq;
    await waitUntil(() => c.received('jobs.changed').some((e) => e.seq === last), 'the last event to reach the client', 30_000);
    const events = c.received('jobs.changed');
    expect(events.some((e) => e.since !== undefined && e.since < e.seq)).toBe(true);
    expect(events.length).toBeLessThan(20);
    // The client applies what came, as the renderer does, and needs no new list.
    let state: RowsState = fromList(list);
    for (const e of events) {
      const r = applyChanged(state, e as EventMap['jobs.changed']);
      expect(r.kind).not.toBe('gap');
      if (r.kind === 'applied') state = r.state;
    }
    const fresh = await c.call<JobList>('jobs.list', {});
    expect(state.seq).toBe(fresh.seq);
    expect(state.order).toEqual(fromList(fresh).order);
    expect(state.rows.size).toBe(4000);
    await c.close();
  });
});

describe('a client stuck for too long', () => {
  const f = useWebFixture({ holdAbove: 64 * KiB, closeAbove: 512 * MiB, stuckMs: 300 });

  it('is closed, and the others go on', async () => {
    const stuck = await connectWebClient(f.target);
    const other = await connectWebClient(f.target);
    stuck.socket.pause();
    await addInBatches(f, 12, 200);
    stuck.socket.resume();
    await waitUntil(() => stuck.closed !== null, 'the stuck client to be closed', 30_000);
    expect(stuck.closed).toBe(CLOSE_TOO_SLOW);
    expect(other.closed).toBeNull();
    expect(await other.call('settings.get', {})).toHaveProperty('maxJobs');
    await other.close();
  });
});
