// Removing a download with its files deletes what the download wrote and nothing else: the
// finished file only while it is still the one it put there, the .part of an unfinished one.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent } from '../helpers/test-content';

const MiB = 1024 * 1024;
const t = useEngineFixture();

async function completed(path: string): Promise<{ id: string; file: string }> {
  t.server.route(path, { body: makeContent(64 * 1024, 31) });
  const { added } = t.h.engine.addJobs([{ url: t.server.url(path) }]);
  const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
  expect(job.status).toBe('completed');
  return { id: job.id, file: job.path! };
}

/** A throttled download with some bytes in its .part, and a stranger's file put under its name meanwhile. */
async function unfinishedBesideStranger(path: string): Promise<{ id: string; part: string; stranger: string }> {
  t.server.route(path, { body: makeContent(8 * MiB, 32), quirks: { throttle: MiB } });
  const { added } = t.h.engine.addJobs([{ url: t.server.url(path), connections: 1 }]);
  const id = added[0]!.id;
  await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > 0, 'some bytes');
  const stranger = t.h.engine.snapshot(id)!.path!;
  await writeFile(stranger, 'somebody else’s file');
  return { id, part: `${stranger}.part`, stranger };
}

describe('remove with files', () => {
  it('deletes the finished file the download wrote, also after a restart', async () => {
    const { id, file } = await completed('/mine.bin');
    await t.h.engine.close();
    t.h.reopen();
    await t.h.engine.remove([id], true);
    expect(existsSync(file)).toBe(false);
    expect(t.h.engine.snapshot(id)).toBeUndefined();
  });

  it('keeps a finished file that was replaced since, even by one of the same size', async () => {
    const { id, file } = await completed('/replaced.bin');
    const other = makeContent(64 * 1024, 33);
    // Moved away (so the replacement cannot reuse its inode), and another file put in its place.
    await rename(file, `${file}.moved`);
    await writeFile(file, other);
    await t.h.engine.remove([id], true);
    expect((await readFile(file)).equals(other)).toBe(true);
    expect(existsSync(`${file}.moved`)).toBe(true);
    expect(t.h.engine.snapshot(id)).toBeUndefined();
  });

  it('deletes the .part of a paused download, never a file that took its name', async () => {
    const { id, part, stranger } = await unfinishedBesideStranger('/paused.bin');
    t.h.engine.pause([id]);
    await t.h.waitFor(id, ['paused']);
    expect(existsSync(part)).toBe(true);
    await t.h.engine.remove([id], true);
    expect(existsSync(part)).toBe(false);
    expect(await readFile(stranger, 'utf8')).toBe('somebody else’s file');
  });

  it('deletes the .part of a running download, never a file that took its name', async () => {
    const { id, part, stranger } = await unfinishedBesideStranger('/running.bin');
    await t.h.engine.remove([id], true);
    expect(existsSync(part)).toBe(false);
    expect(await readFile(stranger, 'utf8')).toBe('somebody else’s file');
  });
});
