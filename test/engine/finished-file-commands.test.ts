// Commands on a finished download's file, through the contract with a real engine, real files
// and the real process pool: verify again (jobs.verify), extract on demand (jobs.extract), open
// it and show it in its folder (jobs.open, jobs.showInFolder: the desktop shell's hooks are the
// one part that cannot run here, so they record their calls), and the desktop folder picker.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BatchOutput, CallContext } from '../../shared/api/contract';
import type { JobDetail } from '../../shared/models/job-row';
import { ClientHub } from '../../electron/engine/client/client-hub';
import { createHandlers, invoke, type HostHooks, type HostInfo } from '../../electron/engine/handlers';
import { openSqliteJobStore } from '../../electron/engine/store';
import { tarArchive } from '../../electron/workers/extract/test-archives';
import { withPool } from '../helpers/engine-harness';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { noteInEnglish } from '../helpers/note-in-english';

const t = useEngineFixture(withPool);
const MiB = 1024 * 1024;
const DESKTOP = { openFiles: true, pickFolder: true, notifications: true };

/** A client of the engine through the handlers, as a transport mounts them. */
function connect(host: HostInfo = { mode: 'desktop', capabilities: DESKTOP }, remote = false) {
  const hub = new ClientHub(t.h.engine);
  const handlers = createHandlers(hub, host);
  const ctx: CallContext = hub.session(() => undefined, remote);
  return {
    async call<T>(channel: string, input: unknown): Promise<T> {
      const r = await invoke(handlers, channel, input, ctx);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
  };
}

/** Hooks that record what the shell was asked to do. */
function recordingHooks(): HostHooks & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    openPath: async (path) => void calls.push(['open', path]),
    showInFolder: async (path) => void calls.push(['show', path]),
    pickFolder: async ({ defaultPath }) => (calls.push(['pick', defaultPath ?? '']), '/picked/folder'),
  };
}

async function downloaded(path: string, body: Buffer, options: Record<string, unknown> = {}): Promise<string> {
  t.server.route(path, { body });
  const id = t.h.engine.addJobs([{ url: t.server.url(path), ...options }]).added[0]!.id;
  expect((await t.h.waitFor(id, ['completed', 'failed'], 60_000)).status).toBe('completed');
  return id;
}

describe('jobs.verify', () => {
  it('hashes a finished file again: completed while it matches; failed saying what differs once it is corrupt, the file kept', async () => {
    const body = makeContent(8 * MiB, 1);
    const id = await downloaded('/v.bin', body, { checksum: sha256(body) });
    const c = connect();
    const path = t.h.engine.snapshot(id)!.path!;

    expect(await c.call<BatchOutput>('jobs.verify', { ids: [id, 'nope'] })).toEqual({ changed: [id], unknown: ['nope'] });
    expect(t.h.engine.snapshot(id)).toMatchObject({ status: 'verifying', phase: 'verify' });
    const ok = await t.h.waitFor(id, ['completed', 'failed']);
    expect([ok.status, ok.checksum, ok.error]).toEqual(['completed', { algo: 'sha256', hex: sha256(body), ok: true }, null]);

    // One byte flipped on disk, the length unchanged.
    const corrupt = Buffer.from(body);
    corrupt[5 * MiB] = corrupt[5 * MiB]! ^ 0xff;
    await writeFile(path, corrupt);
    await c.call('jobs.verify', { ids: [id] });
    const bad = await t.h.waitFor(id, ['completed', 'failed']);
    expect(bad.status).toBe('failed');
    expect(bad.checksum).toEqual({ algo: 'sha256', hex: sha256(corrupt), ok: false });
    expect(bad.error?.code).toBe('HAUL_E_CHECKSUM_MISMATCH');
    expect(bad.error?.message).toContain(`expected ${sha256(body)}, got ${sha256(corrupt)}`);
    expect(await sha256File(path)).toBe(sha256(corrupt));

    // Retrying downloads it again from zero, beside the corrupt file (never over it).
    const before = t.server.requests('/v.bin').length;
    t.h.engine.retry([id]);
    const again = await t.h.waitFor(id, ['completed', 'failed']);
    expect([again.status, again.checksum?.ok]).toEqual(['completed', true]);
    expect(again.path).toBe(join(t.h.downloads, 'v (1).bin'));
    expect(await sha256File(again.path!)).toBe(sha256(body));
    expect(await sha256File(path)).toBe(sha256(corrupt));
    expect(t.server.requests('/v.bin').slice(before)[0]?.range ?? 'bytes=0-').toBe('bytes=0-');
  });

  it('takes a checksum given with the command, which becomes the job’s; refuses clearly when it cannot', async () => {
    const body = makeContent(256 * 1024, 2);
    const id = await downloaded('/plain.bin', body);
    const c = connect();
    await expect(c.call('jobs.verify', { ids: [id] })).rejects.toThrow(/HAUL_E_INVALID_INPUT: .*no checksum to verify against/);
    await expect(c.call('jobs.verify', { ids: [id], checksum: 'sha256=xyz' })).rejects.toThrow(/HAUL_E_CHECKSUM_INVALID/);
    await expect(c.call('jobs.verify', { ids: [id, 'other'], checksum: sha256(body) })).rejects.toThrow(/one download only/);

    await c.call('jobs.verify', { ids: [id], checksum: `sha256:${sha256(body).toUpperCase()}` });
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.checksum).toEqual({ algo: 'sha256', hex: sha256(body), ok: true });
    const detail = await c.call<JobDetail>('jobs.get', { id });
    expect(detail.options.checksum).toEqual({ algo: 'sha256', hex: sha256(body) });

    // Not downloaded yet, or its file gone: refused, saying so.
    const paused = t.h.engine.addJobs([{ url: t.server.url('/plain.bin'), paused: true, checksum: sha256(body) }]).added[0]!.id;
    await expect(c.call('jobs.verify', { ids: [paused] })).rejects.toThrow(/HAUL_E_INVALID_STATE: .*not downloaded/);
    await rm(job.path!);
    await expect(c.call('jobs.verify', { ids: [id] })).rejects.toThrow(/HAUL_E_NOT_FOUND: .*no longer there/);
    expect(t.h.engine.snapshot(id)!.status).toBe('completed');
  });

  it('cancelling a verification, or an extraction asked for later, leaves the job completed as it was', async () => {
    const body = makeContent(4 * MiB, 9);
    const id = await downloaded('/c.bin', body, { checksum: sha256(body) });
    const before = t.h.engine.snapshot(id)!;
    const c = connect();
    // Against a checksum it does not match: had it run to the end, the job would have failed.
    await c.call('jobs.verify', { ids: [id], checksum: `md5=${'0'.repeat(32)}` });
    expect(await c.call('jobs.cancel', { ids: [id] })).toEqual({ changed: [id], unknown: [] });
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect([job.status, job.error, job.checksum]).toEqual(['completed', null, before.checksum]);
    expect(await sha256File(job.path!)).toBe(sha256(body));

    const tgz = gzipped([{ name: 'big.bin', data: makeContent(8 * MiB, 10) }]);
    const archive = await downloaded('/c.tar.gz', tgz);
    await c.call('jobs.extract', { ids: [archive] });
    await c.call('jobs.cancel', { ids: [archive] });
    const extracted = await t.h.waitFor(archive, ['completed', 'failed']);
    expect([extracted.status, extracted.error, extracted.extractedTo]).toEqual(['completed', null, null]);
    expect(extracted.note).toMatchObject({ kind: 'notExtracted', error: { code: 'HAUL_E_CANCELLED' } });
    expect(noteInEnglish(extracted.note)).toMatch(/cancelled/);
    expect((await readdir(t.h.downloads)).sort()).toEqual(['c.bin', 'c.tar.gz']);
  });

  it('a verification cut short by quitting (or a crash) leaves the job completed, not downloaded again', async () => {
    const body = makeContent(64 * 1024, 3);
    const id = await downloaded('/q.bin', body, { checksum: sha256(body) });
    const requests = t.server.requests('/q.bin').length;
    // What a crash mid-verification leaves in the database.
    await t.h.engine.close();
    const store = openSqliteJobStore(t.h.dbPath);
    store.updateJob(id, { status: 'verifying' });
    store.close();
    const engine = t.h.reopen();
    expect(engine.snapshot(id)!.status).toBe('completed');
    // And one cut short by quitting.
    await connect().call('jobs.verify', { ids: [id] });
    await engine.close();
    expect(t.h.reopen().snapshot(id)!.status).toBe('completed');
    expect(t.server.requests('/q.bin')).toHaveLength(requests);
    expect(await sha256File(join(t.h.downloads, 'q.bin'))).toBe(sha256(body));
  });
});

describe('jobs.extract', () => {
  const tgz = gzipped([{ name: 'docs/a.txt', data: Buffer.from('alpha') }, { name: 'docs/b.txt', data: Buffer.from('beta') }]);

  it('extracts a finished archive on demand, keeping it or deleting it as asked', async () => {
    const kept = await downloaded('/kept.tar.gz', tgz, { extract: false });
    const gone = await downloaded('/gone.tar.gz', tgz, { extract: false });
    const c = connect();
    expect(await c.call<BatchOutput>('jobs.extract', { ids: [kept] })).toEqual({ changed: [kept], unknown: [] });
    expect(t.h.engine.snapshot(kept)!.status).toBe('extracting');
    await c.call('jobs.extract', { ids: [gone], deleteArchive: true });
    const [k, g] = [await t.h.waitFor(kept, ['completed', 'failed']), await t.h.waitFor(gone, ['completed', 'failed'])];
    expect([k.status, g.status]).toEqual(['completed', 'completed']);
    expect(await readFile(join(k.extractedTo!, 'docs', 'a.txt'), 'utf8')).toBe('alpha');
    expect(await readFile(join(g.extractedTo!, 'docs', 'b.txt'), 'utf8')).toBe('beta');
    const files = await readdir(t.h.downloads);
    expect(files).toContain('kept.tar.gz');
    expect(files).not.toContain('gone.tar.gz');
    // Nothing was downloaded again.
    expect(t.server.requests('/kept.tar.gz')).toHaveLength(1);
  });

  it('a file that is no archive stays completed and untouched, with a note saying why', async () => {
    const body = makeContent(100_000, 4);
    const id = await downloaded('/not-an-archive.bin', body);
    await connect().call('jobs.extract', { ids: [id] });
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect([job.status, job.error, job.extractedTo]).toEqual(['completed', null, null]);
    expect(job.note).toMatchObject({ kind: 'notExtracted', error: { code: 'HAUL_E_ARCHIVE_UNSUPPORTED' } });
    expect(await readdir(t.h.downloads)).toEqual(['not-an-archive.bin']);
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('refuses a download that is not finished, or whose archive is gone', async () => {
    const id = await downloaded('/a.tar.gz', tgz, { extract: false });
    const c = connect();
    await rm(join(t.h.downloads, 'a.tar.gz'));
    await expect(c.call('jobs.extract', { ids: [id] })).rejects.toThrow(/HAUL_E_NOT_FOUND/);
    const paused = t.h.engine.addJobs([{ url: t.server.url('/a.tar.gz'), paused: true }]).added[0]!.id;
    await expect(c.call('jobs.extract', { ids: [paused] })).rejects.toThrow(/HAUL_E_INVALID_STATE/);
    expect(await c.call('jobs.extract', { ids: ['nope'] })).toEqual({ changed: [], unknown: ['nope'] });
  });
});

describe('jobs.open and jobs.showInFolder', () => {
  it('hand the desktop shell the file of a finished download, and only that', async () => {
    const body = makeContent(50_000, 5);
    const id = await downloaded('/o.bin', body);
    const hooks = recordingHooks();
    const c = connect({ mode: 'desktop', capabilities: DESKTOP, hooks });
    const path = join(t.h.downloads, 'o.bin');
    expect(await c.call('jobs.open', { id })).toEqual({ path });
    expect(await c.call('jobs.showInFolder', { id })).toEqual({ path });
    expect(hooks.calls).toEqual([['open', path], ['show', path]]);

    // The client never names a path; unknown ids and unfinished downloads are refused.
    await expect(c.call('jobs.open', { id, path: '/etc/passwd' })).rejects.toThrow(/HAUL_E_INVALID_INPUT/);
    await expect(c.call('jobs.open', { id: 'nope' })).rejects.toThrow(/HAUL_E_NOT_FOUND/);
    const paused = t.h.engine.addJobs([{ url: t.server.url('/o.bin'), paused: true }]).added[0]!.id;
    await expect(c.call('jobs.showInFolder', { id: paused })).rejects.toThrow(/HAUL_E_INVALID_STATE: .*not downloaded/);

    // Another file under its name (same length, other bytes) is not the download's.
    await writeFile(path, makeContent(50_000, 6));
    await expect(c.call('jobs.open', { id })).rejects.toThrow(/HAUL_E_INVALID_STATE: .*replaced or changed/);
    await rm(path);
    await expect(c.call('jobs.showInFolder', { id })).rejects.toThrow(/HAUL_E_NOT_FOUND/);
    expect(hooks.calls).toHaveLength(2);
  });

  it('are refused where there is no desktop shell: a browser, the CLI, a host without hooks', async () => {
    const id = await downloaded('/w.bin', makeContent(10_000, 7));
    const hooks = recordingHooks();
    const browser = connect({ mode: 'web', capabilities: { openFiles: false, pickFolder: false, notifications: false } }, true);
    const remoteOnDesktopHost = connect({ mode: 'desktop', capabilities: DESKTOP, hooks }, true);
    const cli = connect({ mode: 'cli', capabilities: { openFiles: false, pickFolder: false, notifications: false } });
    const noHooks = connect({ mode: 'desktop', capabilities: DESKTOP });
    for (const c of [browser, remoteOnDesktopHost, cli, noHooks]) {
      await expect(c.call('jobs.open', { id })).rejects.toThrow(/HAUL_E_UNSUPPORTED: .*desktop app only/);
      await expect(c.call('jobs.showInFolder', { id })).rejects.toThrow(/HAUL_E_UNSUPPORTED/);
      await expect(c.call('app.pickFolder', {})).rejects.toThrow(/HAUL_E_UNSUPPORTED/);
    }
    expect(hooks.calls).toEqual([]);
  });

  it('a shell that cannot open the file says why', async () => {
    const id = await downloaded('/x.bin', makeContent(10_000, 8));
    const hooks: HostHooks = { ...recordingHooks(), openPath: async () => Promise.reject(new Error('No application knows this file type')) };
    const c = connect({ mode: 'desktop', capabilities: DESKTOP, hooks });
    await expect(c.call('jobs.open', { id })).rejects.toThrow(/HAUL_E_UNSUPPORTED: Could not open .*x\.bin: No application knows this file type/);
  });
});

describe('app.pickFolder', () => {
  it('asks the desktop shell for a folder', async () => {
    const hooks = recordingHooks();
    const c = connect({ mode: 'desktop', capabilities: DESKTOP, hooks });
    expect(await c.call('app.pickFolder', { defaultPath: '/home/me' })).toEqual({ path: '/picked/folder' });
    expect(hooks.calls).toEqual([['pick', '/home/me']]);
  });
});

function gzipped(specs: Parameters<typeof tarArchive>[0]): Buffer {
  return gzipSync(tarArchive(specs));
}
