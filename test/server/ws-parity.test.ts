// Every channel of the contract answers the same through haul serve's WebSocket as through a
// direct `invoke` with a session (what Electron IPC does): two engines on fresh databases take the
// same commands, one over a real socket, one in-process, and every answer (value or error) must
// match once ids, folders and clocks are set aside.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandSchemas, type Channel } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { ClientHub } from '../../electron/engine/client/client-hub';
import { toRow } from '../../electron/engine/client/job-rows';
import { createHandlers, invoke } from '../../electron/engine/handlers';
import { makeHarness } from '../helpers/engine-harness';
import { connectWebClient } from '../helpers/web-client';
import { useWebFixture } from '../helpers/web-fixture';
import { waitUntil } from '../helpers/wait-until';

const f = useWebFixture();

/** One side's answers to `call`, with what differs between two engines made equal. */
type Call = (channel: string, input: unknown) => Promise<Result<unknown>>;

// Clocks, and the count of events each engine's own ticks have sent (how changes fell into ticks).
const CLOCK_KEYS = new Set(['createdAt', 'completedAt', 'at', 'startedAt', 'updatedAt', 'seq']);

function normalize(value: unknown, ids: string[], roots: string[]): unknown {
  let text = JSON.stringify(value, (key, v: unknown) => (CLOCK_KEYS.has(key) && typeof v === 'number' ? 0 : v));
  ids.forEach((id, i) => (text = text.split(id).join(`<job ${i}>`)));
  for (const root of roots) text = text.split(root).join('<root>');
  return JSON.parse(text);
}

/** Every change has left in an event: a list now shows each job as it is (not as an event not yet sent). */
function settled(hub: ClientHub): boolean {
  return hub.engine.ids().every((id) => JSON.stringify(hub.feed.sentRow(id)) === JSON.stringify(toRow(hub.engine.snapshot(id)!)));
}

interface Step {
  channel: Channel;
  input: (ids: string[]) => unknown;
}

describe('WebSocket and in-process invoke', () => {
  it('answer every channel of the contract alike, values and errors', async () => {
    const shared = await mkdtemp(join(tmpdir(), 'haul-parity-'));
    const direct = await makeHarness();
    try {
      const url = (n: number): string => f.files.url(`/parity/file-${n}.bin`);
      const steps: Step[] = [
        { channel: 'app.info', input: () => ({}) },
        { channel: 'settings.get', input: () => ({}) },
        { channel: 'prefs.get', input: () => ({}) },
        {
          channel: 'jobs.add',
          input: () => ({
            items: [0, 1, 2, 3].map((n) => ({ url: url(n), dir: shared, paused: true })).concat([
              // A browser has no current folder: a relative one is refused, by its index.
              { url: url(4), dir: 'relative/folder', paused: true },
              { url: 'ftp://127.0.0.1/x', dir: shared, paused: true },
            ]),
          }),
        },
        { channel: 'jobs.list', input: () => ({}) },
        { channel: 'jobs.list', input: () => ({ filter: 'paused', search: 'file-1', sort: { key: 'name', dir: 'desc' } }) },
        { channel: 'jobs.get', input: (ids) => ({ id: ids[0] }) },
        { channel: 'jobs.get', input: () => ({ id: 'no-such-job' }) },
        { channel: 'jobs.watch', input: (ids) => ({ ids: [ids[0]] }) },
        { channel: 'jobs.probe', input: () => ({ url: url(20) }) },
        { channel: 'jobs.move', input: (ids) => ({ ids: [ids[0]], dir: join(shared, 'moved') }) },
        { channel: 'jobs.move', input: (ids) => ({ ids: [ids[0]], dir: 'relative' }) },
        { channel: 'jobs.verify', input: (ids) => ({ ids: [ids[0]] }) },
        { channel: 'jobs.extract', input: (ids) => ({ ids: [ids[0]] }) },
        // What a browser cannot do is refused alike.
        { channel: 'jobs.open', input: (ids) => ({ id: ids[0] }) },
        { channel: 'jobs.showInFolder', input: (ids) => ({ id: ids[0] }) },
        { channel: 'app.pickFolder', input: () => ({}) },
        { channel: 'jobs.update', input: (ids) => ({ ids: [ids[0]], speedLimit: 1000, connections: 3 }) },
        { channel: 'jobs.setUrl', input: (ids) => ({ id: ids[1], url: url(11) }) },
        { channel: 'jobs.reorder', input: (ids) => ({ ids: [ids[3]], to: 'top' }) },
        { channel: 'jobs.pause', input: (ids) => ({ ids: [ids[0], 'no-such-job'] }) },
        { channel: 'jobs.pause', input: () => ({ ids: [] }) },
        { channel: 'jobs.cancel', input: (ids) => ({ ids: [ids[2]] }) },
        { channel: 'jobs.removeWhere', input: () => ({ filter: 'failed' }) },
        { channel: 'jobs.remove', input: (ids) => ({ ids: [ids[3]] }) },
        { channel: 'settings.set', input: () => ({ maxJobs: 3 }) },
        { channel: 'settings.set', input: () => ({ downloadDir: 'relative' }) },
        { channel: 'prefs.set', input: () => ({ theme: 'dark' }) },
        { channel: 'jobs.list', input: () => ({ sort: { key: 'queue', dir: 'desc' } }) },
        { channel: 'jobs.pauseAll', input: () => ({}) },
        // These start downloads (of addresses that do not exist): their answers come before any of them ends.
        { channel: 'jobs.retry', input: (ids) => ({ ids: [ids[1]] }) },
        { channel: 'jobs.resume', input: (ids) => ({ ids: [ids[0]] }) },
        { channel: 'jobs.resumeAll', input: () => ({}) },
      ];
      // Every channel is in the list.
      expect(new Set(steps.map((s) => s.channel))).toEqual(new Set(Object.keys(commandSchemas)));

      const web = await connectWebClient(f.target);
      const viaWeb: Call = (channel, input) => web.result(channel, input) as Promise<Result<unknown>>;
      const hub = new ClientHub(direct.engine);
      const handlers = createHandlers(hub, { mode: 'web', capabilities: { openFiles: false, pickFolder: false, notifications: false } });
      const session = hub.session(() => undefined, true);
      const viaInvoke: Call = async (channel, input) => structuredClone(await invoke(handlers, channel, input, session));

      const ids: { web: string[]; direct: string[] } = { web: [], direct: [] };
      const roots = { web: [f.h.root], direct: [direct.root] };
      let started = false;
      for (const step of steps) {
        // Until a download is started (the last steps), lists show every change on both sides.
        if (!started) await waitUntil(() => settled(f.hub) && settled(hub), 'both engines to have sent their changes');
        if (step.channel === 'jobs.retry') started = true;
        const a = await viaWeb(step.channel, step.input(ids.web));
        const b = await viaInvoke(step.channel, step.input(ids.direct));
        if (step.channel === 'jobs.add' && a.ok && b.ok) {
          ids.web = (a.value as { ids: string[] }).ids;
          ids.direct = (b.value as { ids: string[] }).ids;
        }
        expect(normalize(a, ids.web, roots.web), `${step.channel} ${JSON.stringify(step.input(ids.web))}`).toEqual(normalize(b, ids.direct, roots.direct));
      }
      expect(ids.web).toHaveLength(4);
      session.close();
      await web.close();

    } finally {
      await direct.cleanup();
      await rm(shared, { recursive: true, force: true });
    }
  });
});
