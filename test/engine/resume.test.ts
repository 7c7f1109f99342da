import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteJobStore } from '../../electron/engine/store';
import { makeHarness, type Harness } from '../helpers/engine-harness';
import { startQuirkyServer, type QuirkyServer } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
let server: QuirkyServer;
let h: Harness;

beforeEach(async () => {
  server = await startQuirkyServer();
  h = await makeHarness();
});
afterEach(async () => {
  await h.cleanup();
  await server.close();
});

/** Starts a throttled download and stops it (how is up to `stop`) once some bytes are recorded. */
async function startAndInterrupt(body: Buffer, stop: (id: string) => Promise<void>) {
  server.route('/r.bin', { body, quirks: { throttle: 4 * MiB } });
  const { added } = h.engine.addJobs([{ url: server.url('/r.bin'), connections: 4 }]);
  const id = added[0]!.id;
  await h.waitUntil(() => (h.engine.snapshot(id)?.received ?? 0) > 2 * MiB, 'some progress');
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

describe('resume', () => {
  it('pauses and resumes without fetching recorded bytes again', async () => {
    const body = makeContent(12 * MiB, 11);
    const id = await startAndInterrupt(body, async (jobId) => {
      h.engine.pause([jobId]);
      await h.waitFor(jobId, ['paused']);
    });
    const partPath = join(h.downloads, 'r.bin.part');
    expect((await stat(partPath)).size).toBeGreaterThan(0);
    const sentBefore = server.bytesSent('/r.bin');
    const recorded = h.engine.snapshot(id)!.received;
    expect(recorded).toBeGreaterThan(2 * MiB);
    h.engine.resume([id]);
    const job = await h.waitFor(id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    // The second run fetched at most what was not recorded (plus what was in flight when cut).
    const sentAfter = server.bytesSent('/r.bin') - sentBefore;
    expect(sentAfter).toBeLessThanOrEqual(body.length - recorded + 2 * MiB);
    // Resumed requests ask for the same content with If-Range.
    const resumed = server.requests('/r.bin').slice(-1)[0]!;
    expect(resumed.ifRange).toBeTruthy();
  });

  it('continues after the engine is closed and a new one opens the same database', async () => {
    const body = makeContent(12 * MiB, 12);
    const id = await startAndInterrupt(body, async () => {
      await h.engine.close();
    });
    const recorded = recordedBytes(h.dbPath, id);
    expect(recorded).toBeGreaterThan(2 * MiB);
    const sentBefore = server.bytesSent('/r.bin');
    const engine = h.reopen();
    expect(engine.snapshot(id)?.status).toMatch(/queued|active/);
    const job = await h.waitFor(id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(server.bytesSent('/r.bin') - sentBefore).toBeLessThanOrEqual(body.length - recorded + 2 * MiB);
  });

  it('restarts from zero and says why when the file changed on the server while paused', async () => {
    const body = makeContent(12 * MiB, 13);
    const id = await startAndInterrupt(body, async (jobId) => {
      h.engine.pause([jobId]);
      await h.waitFor(jobId, ['paused']);
    });
    const changed = makeContent(12 * MiB, 14);
    server.route('/r.bin', { body: changed, quirks: { etag: '"v2"', lastModified: 'Tue, 01 Dec 2026 00:00:00 GMT' } });
    h.engine.resume([id]);
    const job = await h.waitFor(id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(changed));
    expect(job.note).toMatch(/Restarted from zero: the file changed on the server/);
  });

  it('restarts from zero when the partial file disappeared', async () => {
    const body = makeContent(12 * MiB, 15);
    const id = await startAndInterrupt(body, async (jobId) => {
      h.engine.pause([jobId]);
      await h.waitFor(jobId, ['paused']);
    });
    await rm(join(h.downloads, 'r.bin.part'));
    h.engine.resume([id]);
    const job = await h.waitFor(id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(job.note).toMatch(/partial file was missing/);
  });

  it('cancel discards the partial file; retry starts over', async () => {
    const body = makeContent(12 * MiB, 16);
    const id = await startAndInterrupt(body, async (jobId) => {
      h.engine.cancel([jobId]);
      await h.waitFor(jobId, ['cancelled']);
    });
    await expect(stat(join(h.downloads, 'r.bin.part'))).rejects.toThrow();
    h.engine.retry([id]);
    const job = await h.waitFor(id, ['completed', 'failed']);
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });
});
