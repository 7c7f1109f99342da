import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteJobStore } from '../../electron/engine/store';
import { useEngineFixture } from '../helpers/engine-fixture';
import type { Quirks } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { noteInEnglish } from '../helpers/note-in-english';

const MiB = 1024 * 1024;
const t = useEngineFixture();

/** Starts a throttled download and stops it (how is up to `stop`) once some bytes are recorded. */
async function startAndInterrupt(body: Buffer, stop: (id: string) => Promise<void>) {
  t.server.route('/r.bin', { body, quirks: { throttle: 4 * MiB } });
  const { added } = t.h.engine.addJobs([{ url: t.server.url('/r.bin'), connections: 4 }]);
  const id = added[0]!.id;
  await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > 2 * MiB, 'some progress');
  await stop(id);
  return id;
}

function recordedBytes(dbPath: string, id: string): number {
  const store = openSqliteJobStore(dbPath);
  try {
    return store.loadSegments(id).reduce((n, s) => n + s.done, 0);
  } finally {
    store.close();
  }
}

/**
 * What a crash right after the rename leaves: the job's name and length recorded, no ranges, no
 * .part, and `onDisk` under the job's name. Then the engine starts again on it.
 */
async function restartWithFileInPlace(path: string, body: Buffer, onDisk: Buffer) {
  t.server.route(path, { body });
  const { added } = t.h.engine.addJobs([{ url: t.server.url(path), paused: true }]);
  const id = added[0]!.id;
  await t.h.engine.close();
  const name = path.slice(1);
  const store = openSqliteJobStore(t.h.dbPath);
  store.updateJob(id, { status: 'queued', name, total: body.length, acceptRanges: true });
  store.close();
  await mkdir(t.h.downloads, { recursive: true });
  await writeFile(join(t.h.downloads, name), onDisk);
  t.h.reopen();
  return t.h.waitFor(id, ['completed', 'failed']);
}

/**
 * A download that finishes well within one commit interval, then a crash: the next run sees only
 * what was committed then (a copy taken at that moment). It must find the file finished under its
 * name, not fetch it again as "name (1).ext".
 */
async function crashRightAfterRename(path: string, quirks: Quirks) {
  // Periodic commits far apart: only what the download commits for itself can be there.
  await t.h.engine.close();
  t.h.reopen({ flushMs: 60_000 });
  const body = makeContent(300 * 1024, 23);
  t.server.route(path, { body, quirks });
  const { added } = t.h.engine.addJobs([{ url: t.server.url(path), connections: 1 }]);
  const id = added[0]!.id;
  expect((await t.h.waitFor(id, ['completed', 'failed'])).status).toBe('completed');
  const committed = join(t.h.root, 'committed.db');
  const raw = new Database(t.h.dbPath);
  raw.prepare('VACUUM INTO ?').run(committed);
  raw.close();
  await t.h.engine.close();
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(t.h.dbPath + suffix, { force: true })));
  await copyFile(committed, t.h.dbPath);
  const requests = t.server.requests(path).length;
  t.h.reopen();
  const job = await t.h.waitFor(id, ['completed', 'failed']);
  const name = path.slice(1);
  expect(job.status).toBe('completed');
  expect(job.path).toBe(join(t.h.downloads, name));
  expect(t.server.requests(path)).toHaveLength(requests);
  expect(await readdir(t.h.downloads)).toEqual([name]);
  expect(await sha256File(job.path!)).toBe(sha256(body));
}

describe('resume', () => {
  it('pauses and resumes without fetching recorded bytes again', async () => {
    const body = makeContent(12 * MiB, 11);
    const id = await startAndInterrupt(body, async (jobId) => {
      t.h.engine.pause([jobId]);
      await t.h.waitFor(jobId, ['paused']);
    });
    const partPath = join(t.h.downloads, 'r.bin.part');
    expect((await stat(partPath)).size).toBeGreaterThan(0);
    const sentBefore = t.server.bytesSent('/r.bin');
    const recorded = t.h.engine.snapshot(id)!.received;
    expect(recorded).toBeGreaterThan(2 * MiB);
    t.h.engine.resume([id]);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    // The second run fetched at most what was not recorded (plus what was in flight when cut).
    const sentAfter = t.server.bytesSent('/r.bin') - sentBefore;
    expect(sentAfter).toBeLessThanOrEqual(body.length - recorded + 2 * MiB);
    // Resumed requests ask for the same content with If-Range.
    const resumed = t.server.requests('/r.bin').slice(-1)[0]!;
    expect(resumed.ifRange).toBeTruthy();
  });

  it('continues after the engine is closed and a new one opens the same database', async () => {
    const body = makeContent(12 * MiB, 12);
    const id = await startAndInterrupt(body, async () => {
      await t.h.engine.close();
    });
    const recorded = recordedBytes(t.h.dbPath, id);
    expect(recorded).toBeGreaterThan(2 * MiB);
    const sentBefore = t.server.bytesSent('/r.bin');
    const engine = t.h.reopen();
    expect(engine.snapshot(id)?.status).toMatch(/queued|active/);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.bytesSent('/r.bin') - sentBefore).toBeLessThanOrEqual(body.length - recorded + 2 * MiB);
  });

  it('restarts from zero and says why when the file changed on the server while paused', async () => {
    const body = makeContent(12 * MiB, 13);
    const id = await startAndInterrupt(body, async (jobId) => {
      t.h.engine.pause([jobId]);
      await t.h.waitFor(jobId, ['paused']);
    });
    const changed = makeContent(12 * MiB, 14);
    t.server.route('/r.bin', { body: changed, quirks: { etag: '"v2"', lastModified: 'Tue, 01 Dec 2026 00:00:00 GMT' } });
    t.h.engine.resume([id]);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(changed));
    expect(noteInEnglish(job.note)).toMatch(/Restarted from zero: the file changed on the server/);
  });

  it('restarts from zero when the partial file disappeared', async () => {
    const body = makeContent(12 * MiB, 15);
    const id = await startAndInterrupt(body, async (jobId) => {
      t.h.engine.pause([jobId]);
      await t.h.waitFor(jobId, ['paused']);
    });
    await rm(join(t.h.downloads, 'r.bin.part'));
    t.h.engine.resume([id]);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(noteInEnglish(job.note)).toMatch(/partial file was missing/);
  });

  it('cancel discards the partial file; retry starts over', async () => {
    const body = makeContent(12 * MiB, 16);
    const id = await startAndInterrupt(body, async (jobId) => {
      t.h.engine.cancel([jobId]);
      await t.h.waitFor(jobId, ['cancelled']);
    });
    await expect(stat(join(t.h.downloads, 'r.bin.part'))).rejects.toThrow();
    t.h.engine.retry([id]);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('deletes at the next start the .part of a download cancelled while its run was stopping when the process died', async () => {
    const body = makeContent(12 * MiB, 17);
    const id = await startAndInterrupt(body, async (jobId) => {
      t.h.engine.pause([jobId]);
      await t.h.waitFor(jobId, ['paused']);
    });
    await t.h.engine.close();
    // What the cancel's early write and a crash before its run stopped leave: cancelled on disk,
    // its ranges still recorded and its .part still there.
    const store = openSqliteJobStore(t.h.dbPath);
    store.updateJob(id, { status: 'cancelled' });
    store.close();
    expect(recordedBytes(t.h.dbPath, id)).toBeGreaterThan(0);
    expect(existsSync(join(t.h.downloads, 'r.bin.part'))).toBe(true);
    t.h.reopen();
    await t.h.waitUntil(() => !existsSync(join(t.h.downloads, 'r.bin.part')), 'the .part to be deleted');
    expect(t.h.engine.snapshot(id)).toMatchObject({ status: 'cancelled', received: 0 });
    // Retried, it starts over and finishes whole.
    t.h.engine.retry([id]);
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('has the name of a new download in the database before its .part file exists', async () => {
    // Periodic commits far apart: only a commit made for the name can have recorded it. A crash
    // right after the .part appears then finds it under the recorded name, not a stranger's file.
    await t.h.engine.close();
    t.h.reopen({ flushMs: 60_000 });
    const body = makeContent(2 * MiB, 19);
    t.server.route('/early.bin', { body, quirks: { throttle: MiB } });
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/early.bin'), connections: 1 }]);
    const id = added[0]!.id;
    const part = join(t.h.downloads, 'early.bin.part');
    await t.h.waitUntil(() => existsSync(part), 'the .part file');
    const store = openSqliteJobStore(t.h.dbPath);
    try {
      expect(store.getJob(id)?.name).toBe('early.bin');
    } finally {
      store.close();
    }
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('has the length of a small download in the database before its rename, so a crash just after it fetches nothing again', async () => {
    await crashRightAfterRename('/small.bin', {});
  });

  it('does the same for a download of unknown length', async () => {
    await crashRightAfterRename('/chunked.bin', { contentLength: false });
  });

  it('knows a file renamed into place just before a crash is finished, and fetches nothing', async () => {
    const body = makeContent(3 * MiB, 17);
    const job = await restartWithFileInPlace('/done.bin', body, body);
    expect(job.status).toBe('completed');
    expect(job.path).toBe(join(t.h.downloads, 'done.bin'));
    expect(job.received).toBe(body.length);
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.requests('/done.bin')).toHaveLength(0);
    expect(await readdir(t.h.downloads)).toEqual(['done.bin']);
  });

  it('does not take a same-named file of another length for a finished download', async () => {
    const body = makeContent(3 * MiB, 18);
    const job = await restartWithFileInPlace('/other.bin', body, Buffer.from('not the download'));
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    // The stranger's file is left alone; the download lands beside it.
    expect(job.path).toBe(join(t.h.downloads, 'other (1).bin'));
  });
});
