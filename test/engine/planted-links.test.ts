// In a download folder others can write to, someone puts a symbolic link named like a download's
// .part (or its finished name) to make Haul write the download into another file. Haul never
// follows it: the download fails saying what was found, and the other file stays as it was.
// Real links, a real engine on a real database, a real loopback server.
import { readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteJobStore } from '../../electron/engine/store';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const t = useEngineFixture();
const body = makeContent(4 * MiB, 71);

/** A file of the user's that the link points to, bigger than anything recorded (so a resume would write into it). */
async function victim(): Promise<{ path: string; hash: string }> {
  const path = join(t.h.root, 'precious.bin');
  const bytes = makeContent(6 * MiB, 72);
  await writeFile(path, bytes);
  return { path, hash: sha256(bytes) };
}

function recordedBytes(id: string): number {
  const store = openSqliteJobStore(t.h.dbPath);
  try {
    return store.loadSegments(id).reduce((n, s) => n + s.done, 0);
  } finally {
    store.close();
  }
}

/** Downloads part of the file on one connection, then stops the engine (the job stays queued). */
async function interrupted(until: (received: number) => boolean, quirks: { throttle?: number; stallAfter?: number; stallTimes?: number }): Promise<string> {
  t.server.route('/big.iso', { body, quirks });
  const { added } = t.h.engine.addJobs([{ url: t.server.url('/big.iso'), connections: 1 }]);
  const id = added[0]!.id;
  await t.h.waitUntil(() => {
    const s = t.h.engine.snapshot(id);
    return s?.name === 'big.iso' && until(s.received);
  }, 'the download to be under way');
  await t.h.engine.close();
  t.server.route('/big.iso', { body });
  return id;
}

describe.skipIf(process.platform === 'win32')('a link planted where Haul writes', () => {
  it('in place of the .part of a download starting afresh: refused, the other file unchanged', async () => {
    // Named and its .part made, but every answer stalls: nothing recorded, so the next start is afresh.
    const id = await interrupted(() => true, { stallAfter: 0, stallTimes: 1000 });
    expect(recordedBytes(id)).toBe(0);
    const part = join(t.h.downloads, 'big.iso.part');
    await rm(part);
    const target = await victim();
    await symlink(target.path, part);

    t.h.reopen();
    const job = await t.h.waitFor(id, ['failed', 'completed']);
    expect(job.error).toEqual({
      code: 'HAUL_E_UNSAFE_PATH',
      message: `${part} is a symbolic link to ${target.path}, not a file Haul made: someone may have put it there to make Haul write into another file. Haul did not follow it and wrote nothing; remove it, then try again.`,
    });
    expect(await sha256File(target.path)).toBe(target.hash);
    expect(await readlink(part)).toBe(target.path);
  });

  it('in place of the .part of a download resuming: refused, the other file unchanged; without the link it finishes', async () => {
    const id = await interrupted((received) => received >= 512 * 1024, { throttle: MiB });
    expect(recordedBytes(id)).toBeGreaterThan(0);
    const part = join(t.h.downloads, 'big.iso.part');
    const kept = await readFile(part);
    await rm(part);
    const target = await victim();
    await symlink(target.path, part);

    t.h.reopen();
    const job = await t.h.waitFor(id, ['failed', 'completed']);
    expect(job.error?.code).toBe('HAUL_E_UNSAFE_PATH');
    expect(job.error?.message).toContain(`${part} is a symbolic link to ${target.path}`);
    expect(await sha256File(target.path)).toBe(target.hash);

    // The user removes the link and puts back what was downloaded: the download continues from it.
    await rm(part);
    await writeFile(part, kept);
    t.h.engine.retry([id]);
    const done = await t.h.waitFor(id, ['failed', 'completed']);
    expect(done.error).toBeNull();
    expect(await sha256File(done.path!)).toBe(sha256(body));
  });

  it('at the finished name: refused when the download is whole, kept as .part; without the link it is put in place', async () => {
    const id = await interrupted((received) => received >= 512 * 1024, { throttle: MiB });
    const finished = join(t.h.downloads, 'big.iso');
    const target = await victim();
    await symlink(target.path, finished);

    t.h.reopen();
    const job = await t.h.waitFor(id, ['failed', 'completed']);
    expect(job.error).toEqual({
      code: 'HAUL_E_UNSAFE_PATH',
      message: `${finished} is a symbolic link to ${target.path}, not a file Haul made: someone may have put it there to make Haul write into another file. Haul did not replace it; the download is kept whole in ${finished}.part. Remove the link, then try again.`,
    });
    expect(await sha256File(target.path)).toBe(target.hash);
    expect(await readlink(finished)).toBe(target.path);
    expect(await sha256File(`${finished}.part`)).toBe(sha256(body));

    await rm(finished);
    t.h.engine.retry([id]);
    const done = await t.h.waitFor(id, ['failed', 'completed']);
    expect(done.error).toBeNull();
    expect(done.path).toBe(finished);
    expect(await sha256File(finished)).toBe(sha256(body));
  });
});
