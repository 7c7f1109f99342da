// `haul serve` as users run it: the real command in a child process, a browser's requests and the
// renderer's own WebSocket client (run in Node with the `ws` WebSocket). It prints its address,
// serves the page, downloads, stops cleanly on SIGTERM with the progress saved and no worker
// left, and a client connected across a restart hears 'lost', then 'open', and lists again.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EventMap } from '../../shared/api/contract';
import { createWsApi, type WsApi } from '../../renderer/src/api/ws-client';
import { runServe } from '../../electron/cli/serve-command';
import { openSqliteJobStore } from '../../electron/engine/store';
import { ChildProcessSpawner } from '../../electron/engine/pool';
import { cookieName } from '../../electron/server/access';
import { HAUL_BIN, processState } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import { makeContent, sha256 } from '../helpers/test-content';
import { httpGet, openSocket, type WebTarget } from '../helpers/web-client';
import { waitUntil } from '../helpers/wait-until';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const MiB = 1024 * 1024;
const t = useCliFixture('haul-serve-');

interface Serving {
  child: ChildProcess;
  output(): string;
  target: Promise<WebTarget>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function serve(home: string, args: string[] = []): Serving {
  const child = spawn(process.execPath, [HAUL_BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, HAUL_HOME: home, XDG_DOWNLOAD_DIR: join(home, 'downloads'), HTTP_PROXY: '', HTTPS_PROXY: '', ALL_PROXY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal });
    }),
  );
  const target = (async () => {
    await waitUntil(() => /serving at \S+/.test(out) || child.exitCode !== null, 'the address to be printed', 60_000);
    const url = new URL(/serving at (\S+)/.exec(out)?.[1] ?? 'http://invalid');
    return { origin: url.origin, port: Number(url.port), token: url.searchParams.get('token')! };
  })();
  return { child, output: () => out, target, exited };
}

/** The pool's worker processes of one process. */
function workersOf(pid: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('post-worker')) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** The renderer's transport, on Node's `ws` WebSocket, as a browser tab with the token cookie. */
function browserApi(target: WebTarget, port = target.port): WsApi {
  return createWsApi({
    url: `ws://127.0.0.1:${port}/api`,
    open: (url) => new WebSocket(url, { origin: target.origin, headers: { cookie: `${cookieName(target.port)}=${target.token}` } }),
  });
}

describe('haul serve', () => {
  it('serves the UI, downloads, stops on SIGTERM with progress saved and no worker left; a client reconnects to the next start', async () => {
    const home = join(t.root, 'home');
    const big = makeContent(48 * MiB, 7);
    t.server.route('/big.bin', { body: big, quirks: { throttle: 2 * MiB } });
    const small = makeContent(256 * 1024, 8);
    t.server.route('/small.bin', { body: small });

    const first = serve(home);
    const target = await first.target;
    expect(first.output()).toContain(`http://127.0.0.1:${target.port}/?token=`);
    const opened = await httpGet(target, `/?token=${target.token}`);
    expect(opened.status).toBe(303);
    const page = await httpGet(target, '/', { cookie: `${cookieName(target.port)}=${target.token}` });
    expect(page.status).toBe(200);
    // The installed build draws the first screen on the server (its module beside the page).
    expect(page.body).toContain('<div id="root" data-prerendered><div class="app">');

    const api = browserApi(target);
    const states: string[] = [];
    api.onConnection!((s) => states.push(s));
    const received = new Map<string, number>();
    const statuses = new Map<string, string>();
    api.on('jobs.changed', (e: EventMap['jobs.changed']) => {
      for (const r of e.rows) {
        if (r.received !== undefined) received.set(r.id, r.received);
        if (r.status !== undefined) statuses.set(r.id, r.status);
      }
    });
    const dir = join(t.root, 'files');
    const added = await api.invoke('jobs.add', {
      items: [
        { url: t.server.url('/big.bin'), dir, connections: 2 },
        // Verified in a pool worker: the process has a worker to stop.
        { url: t.server.url('/small.bin'), dir, checksum: `sha256=${sha256(small)}` },
      ],
    });
    if (!added.ok) throw new Error(added.error.message);
    const [bigId, smallId] = added.value.ids as [string, string];
    await waitUntil(() => statuses.get(smallId) === 'completed', 'the verified download to complete', 60_000);
    const workers = workersOf(first.child.pid!);
    expect(workers.length).toBeGreaterThan(0);
    await waitUntil(() => (received.get(bigId) ?? 0) > 4 * MiB, 'the big download to be under way', 60_000);

    // A tab that stopped reading does not hold the stop up.
    const stuckTab = await openSocket(target);
    stuckTab.pause();
    first.child.kill('SIGTERM');
    const end = await first.exited;
    stuckTab.terminate();
    expect(end).toEqual({ code: 0, signal: null });
    expect(first.output()).toContain('Stopped');
    await waitUntil(() => states.includes('lost'), "the client to hear 'lost'");
    // Every worker it had is gone (not left running, not a zombie).
    for (const pid of workers) expect(processState(pid)).toBeUndefined();
    // Commands while it is away fail at once, saying why.
    expect(await api.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'HAUL_E_DISCONNECTED' } });

    const second = serve(home, ['--port', String(target.port)]);
    const again = await second.target;
    // The token was kept in the data folder: the same address works again.
    expect(again).toEqual(target);
    await waitUntil(() => states.at(-1) === 'open', "the client to hear 'open' again", 30_000);
    expect(states).toEqual(['lost', 'open']);
    const list = await api.invoke('jobs.list', {});
    if (!list.ok) throw new Error(list.error.message);
    const bigRow = list.value.rows.find((r) => r.id === bigId)!;
    // What was fetched before the stop was saved: the download goes on from there.
    expect(bigRow.received).toBeGreaterThan(2 * MiB);
    expect(list.value.rows.find((r) => r.id === smallId)!.status).toBe('completed');

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    api.close();
  });

  it('keeps a pause, a resume and a cancel it answered even when killed before the download has stopped', async () => {
    const home = join(t.root, 'home-kill');
    t.server.route('/paused.bin', { body: makeContent(32 * MiB, 9), quirks: { throttle: 1 * MiB } });
    t.server.route('/resumed.bin', { body: makeContent(32 * MiB, 10), quirks: { throttle: 1 * MiB } });
    t.server.route('/cancelled.bin', { body: makeContent(32 * MiB, 11), quirks: { throttle: 1 * MiB } });
    const s = serve(home);
    const target = await s.target;
    const api = browserApi(target);
    const received = new Map<string, number>();
    api.on('jobs.changed', (e: EventMap['jobs.changed']) => {
      for (const r of e.rows) if (r.received !== undefined) received.set(r.id, r.received);
    });
    const dir = join(t.root, 'kill-files');
    const items = ['paused', 'resumed', 'cancelled'].map((name) => ({ url: t.server.url(`/${name}.bin`), dir, connections: 2 }));
    const added = await api.invoke('jobs.add', { items });
    if (!added.ok) throw new Error(added.error.message);
    const [pausedId, resumedId, cancelledId] = added.value.ids as [string, string, string];
    await waitUntil(() => added.value.ids.every((id) => (received.get(id) ?? 0) > 512 * 1024), 'the downloads to be under way', 60_000);
    // Paused, and for the other a pause taken back at once (its run stopped by then or not): then
    // the process dies before the next batch of writes, as a kill -9 or a power cut would have it.
    expect(await api.invoke('jobs.pause', { ids: [pausedId, resumedId] })).toMatchObject({ ok: true });
    expect(await api.invoke('jobs.resume', { ids: [resumedId] })).toMatchObject({ ok: true });
    expect(await api.invoke('jobs.cancel', { ids: [cancelledId] })).toMatchObject({ ok: true });
    s.child.kill('SIGKILL');
    expect((await s.exited).signal).toBe('SIGKILL');
    api.close();
    const store = openSqliteJobStore(join(home, 'haul.db'));
    try {
      expect(store.getJob(pausedId)!.status).toBe('paused');
      // Resumed meanwhile: it goes on at the next start.
      expect(['queued', 'active']).toContain(store.getJob(resumedId)!.status);
      expect(store.getJob(cancelledId)!.status).toBe('cancelled');
    } finally {
      store.close();
    }
    // The next start deletes what the cancelled download left; the paused one keeps its bytes.
    const again = serve(home);
    await again.target;
    await waitUntil(() => !existsSync(join(dir, 'cancelled.bin.part')), 'the cancelled download’s .part to go', 30_000);
    expect(existsSync(join(dir, 'paused.bin.part'))).toBe(true);
    again.child.kill('SIGTERM');
    expect(await again.exited).toEqual({ code: 0, signal: null });
  });

  it('says so when the port is taken, and ends', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const s = serve(join(t.root, 'home-taken'), ['--port', String(port)]);
      const end = await s.exited;
      expect(end.code).toBe(1);
      expect(s.output()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('says how to build the web interface when it is missing', async () => {
    const run = runServe(
      { port: 0, host: '127.0.0.1', token: null },
      { out: () => undefined, uiDir: join(t.root, 'no-ui'), pool: { spawner: new ChildProcessSpawner(), workerScript: '' }, protect: () => () => undefined, stopRequested: new Promise(() => undefined) },
    );
    await expect(run).rejects.toThrow('npm run build:ui');
  });
});
