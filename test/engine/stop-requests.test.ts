// Stop requests made while a download is still stopping: a later request never weakens an earlier
// one (remove > cancel > pause), quitting keeps what the user asked, and a resume is not lost.
// Each second request is made in the same tick as the first, so the run is certainly still stopping.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const t = useEngineFixture();

/** A throttled download that has recorded some bytes: stopping it has something to keep or discard. */
async function downloading(path: string, seed: number): Promise<{ id: string; body: Buffer; part: string }> {
  const body = makeContent(12 * MiB, seed);
  t.server.route(path, { body, quirks: { throttle: 4 * MiB } });
  const { added } = t.h.engine.addJobs([{ url: t.server.url(path), connections: 4 }]);
  const id = added[0]!.id;
  await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > MiB, 'some progress');
  return { id, body, part: join(t.h.downloads, `${path.slice(1)}.part`) };
}

describe('stop requests while a download is stopping', () => {
  it('a pause after a remove does not keep the job: it is gone, with its files, also after a restart', async () => {
    const { id, part } = await downloading('/removed.bin', 1);
    const removing = t.h.engine.remove([id], true);
    t.h.engine.pause([id]);
    expect(t.h.engine.snapshot(id)?.stopping).toBe('remove');
    await removing;
    expect(t.h.engine.snapshot(id)).toBeUndefined();
    expect(existsSync(part)).toBe(false);
    await t.h.engine.close();
    expect(t.h.reopen().snapshot(id)).toBeUndefined();
  });

  it('a pause after a cancel does not keep the partial file: the job ends cancelled', async () => {
    const { id, part } = await downloading('/cancelled.bin', 2);
    t.h.engine.cancel([id]);
    t.h.engine.pause([id]);
    expect(t.h.engine.snapshot(id)?.stopping).toBe('cancel');
    expect((await t.h.waitFor(id, ['cancelled', 'paused'])).status).toBe('cancelled');
    expect(existsSync(part)).toBe(false);
  });

  it('a pause followed by quitting is still paused at the next start, with its bytes', async () => {
    const { id } = await downloading('/paused.bin', 3);
    t.h.engine.pause([id]);
    await t.h.engine.close();
    const job = t.h.reopen().snapshot(id)!;
    expect(job.status).toBe('paused');
    expect(job.received).toBeGreaterThan(MiB);
  });

  it('a cancel followed by quitting stays cancelled at the next start, without its partial file', async () => {
    const { id, part } = await downloading('/quit.bin', 4);
    t.h.engine.cancel([id]);
    await t.h.engine.close();
    expect(t.h.reopen().snapshot(id)?.status).toBe('cancelled');
    expect(existsSync(part)).toBe(false);
  });

  it('a resume while the pause is still stopping takes effect once it has stopped', async () => {
    const { id, body } = await downloading('/resumed.bin', 5);
    t.h.engine.pause([id]);
    // Still stopping: the status says what it is, and clients are told it is stopping.
    expect(t.h.engine.snapshot(id)).toMatchObject({ status: 'active', stopping: 'pause' });
    expect(t.h.engine.resume([id]).changed).toEqual([id]);
    expect(t.h.engine.snapshot(id)?.stopping).toBeNull();
    const job = await t.h.waitFor(id, ['completed', 'paused', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('resume all takes back a pause all that is still stopping', async () => {
    const { id, body } = await downloading('/all.bin', 7);
    expect(t.h.engine.pauseAll()).toEqual([id]);
    expect(t.h.engine.resumeAll()).toEqual([id]);
    const job = await t.h.waitFor(id, ['completed', 'paused', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('a cancel then a retry at once starts the download again only once its old partial file is deleted', async () => {
    const { id, body, part } = await downloading('/again.bin', 6);
    t.h.engine.pause([id]);
    await t.h.waitFor(id, ['paused']);
    expect(existsSync(part)).toBe(true);
    const before = t.server.requests('/again.bin').length;
    t.h.engine.cancel([id]);
    expect(t.h.engine.retry([id]).changed).toEqual([id]);
    // Not started yet: the old .part is still being deleted, and a new one must not be deleted with it.
    expect(t.h.engine.snapshot(id)?.status).toBe('queued');
    const job = await t.h.waitFor(id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.requests('/again.bin')[before]?.range).toBe('bytes=0-');
  });
});
