// jobs.move: another folder and/or name for a download that has not finished, its kept bytes
// (the .part) with it, through the contract with a real engine, real files and a real server.
import { spawn } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BatchOutput, CallContext } from '../../shared/api/contract';
import { ClientHub } from '../../electron/engine/client/client-hub';
import { createHandlers, invoke } from '../../electron/engine/handlers';
import { openSqliteJobStore } from '../../electron/engine/store';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const t = useEngineFixture();

function connect(remote = false) {
  const hub = new ClientHub(t.h.engine);
  const handlers = createHandlers(hub, { mode: remote ? 'web' : 'desktop', capabilities: { openFiles: false, pickFolder: false, notifications: false } });
  const ctx: CallContext = hub.session(() => undefined, remote);
  return async <T = BatchOutput>(channel: string, input: unknown): Promise<T> => {
    const r = await invoke(handlers, channel, input, ctx);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
}

/** A download paused with some of its bytes kept in its .part. */
async function pausedPartway(path: string, body: Buffer): Promise<string> {
  t.server.route(path, { body, quirks: { throttle: 400_000 } });
  const id = t.h.engine.addJobs([{ url: t.server.url(path), connections: 2 }]).added[0]!.id;
  await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > 100_000, 'some bytes');
  t.h.engine.pause([id]);
  await t.h.waitFor(id, ['paused']);
  return id;
}

/** The last request continued from kept bytes rather than from zero. */
function resumedFromKeptBytes(path: string): void {
  const ranges = t.server.requests(path).map((r) => r.range ?? 'bytes=0-');
  expect(ranges.some((r) => /^bytes=[1-9]\d*-/.test(r))).toBe(true);
}

describe('jobs.move', () => {
  it('moves a paused download and its kept bytes to another folder and name; after a restart it continues there', async () => {
    const body = makeContent(1_200_000, 1);
    const id = await pausedPartway('/p.bin', body);
    const kept = t.h.engine.snapshot(id)!.received;
    const other = join(t.h.root, 'elsewhere', 'deeper');
    const call = connect();

    expect(await call('jobs.move', { ids: [id], dir: other, name: 'renamed.bin' })).toEqual({ changed: [id], unknown: [] });
    expect(await call('jobs.move', { ids: ['nope'], dir: other })).toEqual({ changed: [], unknown: ['nope'] });
    expect(await readdir(t.h.downloads)).toEqual([]);
    expect(await readdir(other)).toEqual(['renamed.bin.part']);
    expect(t.h.engine.snapshot(id)).toMatchObject({ status: 'paused', dir: other, name: 'renamed.bin', path: join(other, 'renamed.bin'), received: kept });

    await t.h.engine.close();
    const engine = t.h.reopen();
    expect(engine.snapshot(id)).toMatchObject({ dir: other, name: 'renamed.bin', received: kept });
    engine.resume([id]);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.path).toBe(join(other, 'renamed.bin'));
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(await readdir(other)).toEqual(['renamed.bin']);
    resumedFromKeptBytes('/p.bin');
  });

  it('stops a running download, moves it, and lets it go on from its kept bytes', async () => {
    const body = makeContent(2_000_000, 2);
    t.server.route('/r.bin', { body, quirks: { throttle: 400_000 } });
    const id = t.h.engine.addJobs([{ url: t.server.url('/r.bin'), connections: 2 }]).added[0]!.id;
    await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > 100_000, 'some bytes');
    const other = join(t.h.root, 'moved');
    expect(await connect()('jobs.move', { ids: [id], dir: other })).toEqual({ changed: [id], unknown: [] });
    expect(t.h.engine.snapshot(id)!.dir).toBe(other);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.path).toBe(join(other, 'r.bin'));
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(await readdir(t.h.downloads)).toEqual([]);
    resumedFromKeptBytes('/r.bin');
  });

  it('a download that has not started yet takes the folder and name it will use', async () => {
    const body = makeContent(30_000, 3);
    t.server.route('/q.bin', { body });
    const id = t.h.engine.addJobs([{ url: t.server.url('/q.bin'), paused: true }]).added[0]!.id;
    const other = join(t.h.root, 'later');
    await connect()('jobs.move', { ids: [id], dir: other, name: 'chosen.bin' });
    t.h.engine.resume([id]);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.path).toBe(join(other, 'chosen.bin'));
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('reserves names like new downloads: a taken name gets " (1)", a hostile one stays inside the folder', async () => {
    const body = makeContent(600_000, 4);
    const id = await pausedPartway('/n.bin', body);
    const other = join(t.h.root, 'target');
    await mkdir(other, { recursive: true });
    await writeFile(join(other, 'taken.bin'), 'someone else');
    const call = connect();
    await call('jobs.move', { ids: [id], dir: other, name: 'taken.bin' });
    expect(t.h.engine.snapshot(id)!.name).toBe('taken (1).bin');

    await call('jobs.move', { ids: [id], name: '../../escape.sh' });
    const snap = t.h.engine.snapshot(id)!;
    expect(snap.dir).toBe(other);
    expect(snap.name).not.toContain('/');
    expect((await readdir(other)).sort()).toEqual([`${snap.name!}.part`, 'taken.bin'].sort());
    expect(await readdir(t.h.root)).not.toContain('escape.sh.part');
    await expect(call('jobs.move', { ids: [id], name: '..' })).rejects.toThrow(/HAUL_E_INVALID_INPUT: .*not a usable file name/);

    t.h.engine.resume([id]);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('refuses a finished download, a relative folder from a browser, and malformed requests', async () => {
    const body = makeContent(20_000, 5);
    t.server.route('/done.bin', { body });
    const done = t.h.engine.addJobs([{ url: t.server.url('/done.bin') }]).added[0]!.id;
    await t.h.waitFor(done, ['completed']);
    const paused = t.h.engine.addJobs([{ url: t.server.url('/done.bin'), paused: true }]).added[0]!.id;
    const call = connect();
    await expect(call('jobs.move', { ids: [done], dir: join(t.h.root, 'x') })).rejects.toThrow(/HAUL_E_INVALID_STATE: .*already downloaded/);
    // Among others it is left out; the others move.
    expect(await call('jobs.move', { ids: [done, paused], dir: join(t.h.root, 'x') })).toEqual({ changed: [paused], unknown: [] });
    await expect(connect(true)('jobs.move', { ids: [paused], dir: 'relative/dir' })).rejects.toThrow(/HAUL_E_INVALID_INPUT: .*must be a full path/);
    await expect(call('jobs.move', { ids: [paused] })).rejects.toThrow(/HAUL_E_INVALID_INPUT: .*folder, a file name or both/);
    await expect(call('jobs.move', { ids: [paused, done], name: 'a.bin' })).rejects.toThrow(/HAUL_E_INVALID_INPUT: .*one download only/);
    expect(t.h.engine.snapshot(done)!.dir).toBe(t.h.downloads);
  });

  it('a crash mid-move is finished at the next start: the kept bytes reach the recorded place', async () => {
    // What a kill -9 leaves after the database took the new place (with where the bytes still
    // are) but before the .part moved; here with a cut-short copy across filesystems there too.
    const body = makeContent(900_000, 6);
    const id = await pausedPartway('/c.bin', body);
    const kept = t.h.engine.snapshot(id)!.received;
    const job = t.h.engine.snapshot(id)!;
    await t.h.engine.close();
    const other = join(t.h.root, 'half');
    await mkdir(other);
    await writeFile(join(other, 'c2.bin.part.moving'), 'a copy cut short');
    const store = openSqliteJobStore(t.h.dbPath);
    store.updateJob(id, { dir: other, name: 'c2.bin', options: { ...job.options, movedFrom: join(t.h.downloads, 'c.bin.part') } });
    store.close();

    const engine = t.h.reopen();
    expect(await readdir(other)).toEqual(['c2.bin.part']);
    expect(await readdir(t.h.downloads)).toEqual([]);
    expect(engine.snapshot(id)!.received).toBe(kept);
    const detail = new ClientHub(engine).detail(id)!;
    expect(Object.keys(detail.options)).not.toContain('movedFrom');
    engine.resume([id]);
    const done = await t.h.waitFor(id, ['completed', 'failed']);
    expect(done.path).toBe(join(other, 'c2.bin'));
    expect(await sha256File(done.path!)).toBe(sha256(body));
    resumedFromKeptBytes('/c.bin');
  });

  it.skipIf(!existsSync('/dev/shm'))('a process killed with SIGKILL while it moves a download across filesystems: the next start finishes the move', async () => {
    // Big enough that copying its .part to another filesystem takes a moment; the kill comes as
    // the copy starts (or, if it was quicker, after it): either way nothing may be lost.
    const body = makeContent(48 * 1024 * 1024, 8);
    const id = await pausedPartway('/k.bin', body);
    const kept = t.h.engine.snapshot(id)!.received;
    t.server.route('/k.bin', { body }); // the rest at full speed
    await t.h.engine.close();
    const other = await mkdtemp('/dev/shm/haul-kill-');
    try {
      const said = await runAndKillWhileMoving(id, other);
      expect(said).toMatch(/^moving/);
      const engine = t.h.reopen();
      expect(engine.snapshot(id)).toMatchObject({ dir: other, name: 'k.bin', received: kept });
      expect(await readdir(other)).toEqual(['k.bin.part']);
      engine.resume([id]);
      const job = await t.h.waitFor(id, ['completed', 'failed'], 60_000);
      expect(job.path).toBe(join(other, 'k.bin'));
      expect(await sha256File(job.path!)).toBe(sha256(body));
      resumedFromKeptBytes('/k.bin');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync('/dev/shm'))('moves the kept bytes to another filesystem (a copy, then the original goes)', async () => {
    const body = makeContent(900_000, 7);
    const id = await pausedPartway('/x.bin', body);
    const other = await mkdtemp('/dev/shm/haul-move-');
    try {
      await connect()('jobs.move', { ids: [id], dir: other });
      expect(await readdir(other)).toEqual(['x.bin.part']);
      expect(await readdir(t.h.downloads)).toEqual([]);
      t.h.engine.resume([id]);
      const job = await t.h.waitFor(id, ['completed', 'failed']);
      expect(job.path).toBe(join(other, 'x.bin'));
      expect(await sha256File(job.path!)).toBe(sha256(body));
      resumedFromKeptBytes('/x.bin');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

/** Runs the moving process and SIGKILLs it once the copy's temporary file appears (or the move is done). */
function runAndKillWhileMoving(id: string, target: string): Promise<string> {
  const script = fileURLToPath(new URL('../fixtures/processes/move-download.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, t.h.dbPath, t.h.downloads, id, target], { stdio: ['ignore', 'pipe', 'pipe'] });
  const watcher = watch(target, (_event, file) => {
    if (String(file).endsWith('.moving')) child.kill('SIGKILL');
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (out.includes('moved') || out.includes('failed')) child.kill('SIGKILL');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      watcher.close();
      if (signal === 'SIGKILL') resolve(out);
      else reject(new Error(`the moving process ended by itself: ${out} ${err}`));
    });
  });
}
