// The post-processing stage at the engine level: states, cancellation, retry semantics, restarts.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { StageProgress } from '../../shared/models/job';
import type { JobPatch } from '../../electron/engine/store/job-store';
import { tarArchive } from '../../electron/workers/extract/test-archives';
import { openSqliteJobStore } from '../../electron/engine/store';
import { withPool } from '../helpers/engine-harness';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { workerPids } from '../helpers/worker-pids';

const MiB = 1024 * 1024;
const t = useEngineFixture(withPool);

/** A tar.gz big enough that extracting it takes a moment (incompressible content). */
function bigTarGz(files: number, size: number): Buffer {
  return gzipSync(tarArchive(Array.from({ length: files }, (_, i) => ({ name: `d/f${i}.bin`, data: makeContent(size, i + 1) }))), { level: 1 });
}

describe('post-processing', () => {
  it('goes active → verifying → completed, recording the checksum result', async () => {
    const body = makeContent(3 * 1024 * 1024, 1);
    t.server.route('/v.bin', { body, quirks: { throttle: 16 * 1024 * 1024 } });
    // The statuses as the database records them (what `haul list` shows): the verifying state may
    // last less than one progress event, but it is committed before the file is renamed.
    await t.h.engine.close();
    const store = openSqliteJobStore(t.h.dbPath);
    const recorded: string[] = [];
    const record = (patch: JobPatch | undefined): void => {
      if (patch?.status !== undefined && patch.status !== recorded.at(-1)) recorded.push(patch.status);
    };
    t.h.reopen({
      store: { ...store, updateJob: (id, patch) => (record(patch), store.updateJob(id, patch)), saveProgress: (entries) => (entries.forEach((e) => record(e.patch)), store.saveProgress(entries)) },
    });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/v.bin'), checksum: sha256(body) }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.checksum).toEqual({ algo: 'sha256', hex: sha256(body), ok: true });
    await t.h.waitUntil(() => recorded.at(-1) === 'completed', 'the completion to be committed');
    expect(recorded.filter((s) => s !== 'queued')).toEqual(['active', 'verifying', 'completed']);
    expect(job.phase).toBeNull();
  });

  it('shows how far the final hash got while verifying, in the progress events', async () => {
    // The first connection stalls after a few bytes while the others fetch the rest: the streamed
    // hash cannot start before byte 1,000, so nearly the whole file is hashed once every byte is in.
    const body = makeContent(48 * MiB, 6);
    t.server.route('/late.bin', { body, quirks: { stallAfter: 1000 } });
    const stages: StageProgress[] = [];
    t.h.engine.events.on('jobs.updated', ({ jobs }) => jobs.forEach((j) => j.phase === 'verify' && j.stage && stages.push(j.stage)));
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/late.bin'), connections: 4, checksum: sha256(body) }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.checksum?.ok).toBe(true);
    expect(stages.length).toBeGreaterThan(0);
    for (const s of stages) {
      expect(s.total).toBe(body.length);
      expect(s.done).toBeLessThanOrEqual(body.length);
    }
  });

  it('shows extraction progress in the progress events', async () => {
    const tgz = bigTarGz(40, MiB);
    t.server.route('/shown.tar.gz', { body: tgz });
    const stages: StageProgress[] = [];
    t.h.engine.events.on('jobs.updated', ({ jobs }) => jobs.forEach((j) => j.phase === 'extract' && j.stage && stages.push(j.stage)));
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/shown.tar.gz'), extract: true }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed'], 60_000);
    expect(job.status).toBe('completed');
    expect(stages.length).toBeGreaterThan(0);
    for (const s of stages) expect(s.total).toBe(tgz.length);
    // Later events never go back.
    const done = stages.map((s) => s.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('a download that has every byte gives its slot to the next job while it is verified and renamed', async () => {
    t.h.engine.setSettings({ maxJobs: 1 });
    const body = makeContent(24 * 1024 * 1024, 3);
    let firstId = '';
    let firstWhenSecondAsked: string | undefined;
    t.server.route('/first.bin', { body });
    t.server.route('/second.bin', {
      body: makeContent(4096, 4),
      onRequest: () => {
        firstWhenSecondAsked ??= t.h.engine.snapshot(firstId)?.status;
      },
    });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/first.bin'), checksum: sha256(body) }, { url: t.server.url('/second.bin') }]);
    firstId = added[0]!.id;
    const [first, second] = [await t.h.waitFor(firstId, ['completed', 'failed']), await t.h.waitFor(added[1]!.id, ['completed', 'failed'])];
    expect([first.status, second.status]).toEqual(['completed', 'completed']);
    expect(first.checksum?.ok).toBe(true);
    // The second started only once the first had all its bytes (one slot), but before it was done.
    expect(firstWhenSecondAsked).toMatch(/^(active|verifying)$/);
    const secondStarted = t.server.requests('/second.bin')[0]!.startedAt;
    for (const r of t.server.requests('/first.bin')) expect(r.finishedAt!).toBeLessThanOrEqual(secondStarted);
  });

  it('verifies a one-connection download fetched in a single request', async () => {
    const body = makeContent(20 * 1024 * 1024, 5);
    t.server.route('/single.bin', { body });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/single.bin'), connections: 1, checksum: sha256(body) }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.checksum?.ok).toBe(true);
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.requests('/single.bin')).toHaveLength(1);
  });

  it('retrying a checksum mismatch downloads again from zero', async () => {
    const body = makeContent(1024 * 1024, 2);
    t.server.route('/m.bin', { body });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/m.bin'), checksum: `md5=${'0'.repeat(32)}` }]);
    const id = added[0]!.id;
    expect((await t.h.waitFor(id, ['failed'])).error?.code).toBe('HAUL_E_CHECKSUM_MISMATCH');
    const before = t.server.requests('/m.bin').length;
    t.h.engine.retry([id]);
    expect((await t.h.waitFor(id, ['failed'])).error?.code).toBe('HAUL_E_CHECKSUM_MISMATCH');
    const again = t.server.requests('/m.bin').slice(before);
    expect(again[0]?.range).toBe('bytes=0-');
  });

  it('cancelling an extraction stops it, keeps the archive and leaves no partial folder', async () => {
    const tgz = bigTarGz(40, 1024 * 1024);
    t.server.route('/big.tar.gz', { body: tgz });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/big.tar.gz'), extract: true }]);
    const id = added[0]!.id;
    await t.h.waitFor(id, ['extracting']);
    expect(t.h.engine.cancel([id])).toEqual({ changed: [id], unknown: [] });
    expect(t.h.engine.snapshot(id)).toMatchObject({ status: 'extracting', stopping: 'cancel' });
    const job = await t.h.waitFor(id, ['failed', 'completed']);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('HAUL_E_CANCELLED');
    expect(job.error?.message).toMatch(/archive is kept/);
    expect(await readdir(t.h.downloads)).toEqual(['big.tar.gz']);
    expect(sha256(await readFile(join(t.h.downloads, 'big.tar.gz')))).toBe(sha256(tgz));
    // Retry extracts again, without downloading again.
    const requests = t.server.requests('/big.tar.gz').length;
    t.h.engine.retry([id]);
    const done = await t.h.waitFor(id, ['completed', 'failed'], 60_000);
    expect(done.status).toBe('completed');
    expect(done.extractedTo).toBe(join(t.h.downloads, 'big'));
    expect(t.server.requests('/big.tar.gz').length).toBe(requests);
    expect(await sha256File(join(t.h.downloads, 'big', 'd', 'f7.bin'))).toBe(sha256(makeContent(1024 * 1024, 8)));
  });

  it('removing a job while it extracts stops the extraction first: nothing is left and nothing is written after', async () => {
    t.server.route('/gone.tar.gz', { body: bigTarGz(40, 1024 * 1024) });
    const settled: string[] = [];
    t.h.engine.onSettled((j) => settled.push(j.status));
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/gone.tar.gz'), extract: true }]);
    const id = added[0]!.id;
    await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.stage?.entries ?? 0) > 0, 'the first entries to be extracted');
    const removing = t.h.engine.remove([id], true);
    expect(t.h.engine.snapshot(id)?.stopping).toBe('remove');
    expect(await removing).toEqual({ changed: [id], unknown: [] });
    expect(t.h.engine.snapshot(id)).toBeUndefined();
    // The worker had stopped and cleaned up before the archive was deleted.
    expect(await readdir(t.h.downloads)).toEqual([]);
    await t.h.engine.close();
    expect(await readdir(t.h.downloads)).toEqual([]);
    expect(settled).toEqual([]); // not reported failed or cancelled: it is gone
  });

  it('an extraction cancelled just before quitting is still cancelled at the next start', async () => {
    t.server.route('/quit.tar.gz', { body: bigTarGz(40, 1024 * 1024) });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/quit.tar.gz'), extract: true }]);
    const id = added[0]!.id;
    await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.stage?.entries ?? 0) > 0, 'the first entries to be extracted');
    t.h.engine.cancel([id]);
    await t.h.engine.close();
    expect(t.h.reopen(withPool()).snapshot(id)).toMatchObject({ status: 'failed', error: { code: 'HAUL_E_CANCELLED' } });
    expect(await readdir(t.h.downloads)).toEqual(['quit.tar.gz']);
  });

  it('a worker killed mid-extraction leaves one folder: the retry starts over in the same work folder', async () => {
    t.server.route('/killed.tar.gz', { body: bigTarGz(40, 1024 * 1024) });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/killed.tar.gz'), extract: true }]);
    const id = added[0]!.id;
    await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.stage?.entries ?? 0) > 0, 'the first entries to be extracted');
    const pids = workerPids();
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    const job = await t.h.waitFor(id, ['completed', 'failed'], 60_000);
    expect(job.status).toBe('completed');
    expect(job.extractedTo).toBe(join(t.h.downloads, 'killed'));
    expect((await readdir(t.h.downloads)).sort()).toEqual(['killed', 'killed.tar.gz']);
    expect(await readdir(join(job.extractedTo!, 'd'))).toHaveLength(40);
    expect(await sha256File(join(job.extractedTo!, 'd', 'f7.bin'))).toBe(sha256(makeContent(1024 * 1024, 8)));
  });

  it('removing a job with its files also deletes the work folder a crashed extraction left', async () => {
    t.server.route('/bad.tar', { body: tarArchive([{ name: 'ok.txt', data: 'x' }, { name: '../escape.txt', data: 'x' }]) });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/bad.tar'), extract: true }]);
    const id = added[0]!.id;
    expect((await t.h.waitFor(id, ['failed', 'completed'])).error?.code).toBe('HAUL_E_ARCHIVE_UNSAFE');
    // What a worker killed in the middle of a retry would leave.
    await mkdir(join(t.h.downloads, 'bad.tar.extracting', 'd'), { recursive: true });
    await writeFile(join(t.h.downloads, 'bad.tar.extracting', 'd', 'half.bin'), 'half');
    await t.h.engine.remove([id], true);
    expect(await readdir(t.h.downloads)).toEqual([]);
  });

  it('records a finished extraction in the database at once, not at the next commit', async () => {
    await t.h.engine.close();
    t.h.reopen({ ...withPool(), flushMs: 60_000 });
    t.server.route('/now.tar.gz', { body: bigTarGz(2, 64 * 1024) });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/now.tar.gz'), extract: true }]);
    const id = added[0]!.id;
    await t.h.waitFor(id, ['completed', 'failed']);
    const store = openSqliteJobStore(t.h.dbPath);
    try {
      expect(store.getJob(id)).toMatchObject({ status: 'completed', extractedTo: join(t.h.downloads, 'now') });
    } finally {
      store.close();
    }
  });

  it('an extraction interrupted by closing the engine runs again at the next start', async () => {
    t.server.route('/again.tar.gz', { body: bigTarGz(40, 1024 * 1024) });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/again.tar.gz'), extract: true }]);
    const id = added[0]!.id;
    await t.h.waitFor(id, ['extracting']);
    await t.h.engine.close();
    t.h.reopen(withPool());
    const job = await t.h.waitFor(id, ['completed', 'failed'], 60_000);
    expect(job.status).toBe('completed');
    expect(job.extractedTo).toBe(join(t.h.downloads, 'again'));
    expect((await readdir(t.h.downloads)).sort()).toEqual(['again', 'again.tar.gz']);
    expect(await readdir(join(job.extractedTo!, 'd'))).toHaveLength(40);
  });
});
