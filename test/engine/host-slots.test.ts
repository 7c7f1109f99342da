// The first request of a download holds one of its host's connection slots. Every way the
// download can go on from there (an empty body, a name or a .part that cannot be made, a
// verification that cannot start) must give that slot back, or later downloads from the same
// host wait for it forever.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AddJobInput } from '../../shared/api/contract';
import type { JobSnapshot } from '../../shared/models/job';
import { makeHarness } from '../helpers/engine-harness';
import { useEngineFixture } from '../helpers/engine-fixture';
import type { Quirks } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const t = useEngineFixture();

/** Few slots per host and more downloads at once than slots: one leaked slot shows quickly. */
const SLOTS = { maxPerHost: 4, maxJobs: 8 };

async function useSlotHarness(config: Parameters<typeof makeHarness>[0] = {}): Promise<void> {
  await t.h.cleanup();
  t.h = await makeHarness(config, SLOTS);
}

async function runAll(items: AddJobInput[]): Promise<JobSnapshot[]> {
  const { added, rejected } = t.h.engine.addJobs(items);
  expect(rejected).toEqual([]);
  return Promise.all(added.map((a) => t.h.waitFor(a.id, ['completed', 'failed'])));
}

async function runEmpty(count: number, quirks: Quirks): Promise<JobSnapshot[]> {
  const items: AddJobInput[] = [];
  for (let i = 0; i < count; i++) {
    t.server.route(`/e${i}.txt`, { body: Buffer.alloc(0), quirks });
    items.push({ url: t.server.url(`/e${i}.txt`) });
  }
  const jobs = await runAll(items);
  expect(jobs.map((j) => j.status)).toEqual(jobs.map(() => 'completed'));
  for (const j of jobs) expect(await sha256File(j.path!)).toBe(sha256(Buffer.alloc(0)));
  return jobs;
}

/** After the failures above, a download from the same host still gets a slot and finishes. */
async function hostStillServes(): Promise<void> {
  const body = makeContent(64 * 1024, 5);
  t.server.route('/after.bin', { body });
  const [job] = await runAll([{ url: t.server.url('/after.bin') }]);
  expect(job!.status).toBe('completed');
  expect(await sha256File(job!.path!)).toBe(sha256(body));
}

describe('host slots of the first request', () => {
  it('downloads 50 empty files (200, Content-Length: 0) from one host', async () => {
    await useSlotHarness();
    const jobs = await runEmpty(50, { ranges: false });
    expect(t.server.requests('/e0.txt')[0]!.status).toBe(200);
    // Their empty bodies were read to the end: connections served the next file.
    expect(new Set(t.server.log.map((r) => r.connection)).size).toBeLessThan(jobs.length);
    await hostStillServes();
  });

  it('downloads 20 empty files answered 416 "bytes */0" from one host', async () => {
    await useSlotHarness();
    await runEmpty(20, {});
    expect(t.server.requests('/e0.txt')[0]!.status).toBe(416);
    await hostStillServes();
  });

  it('gives the slot back when the download folder cannot be written', async () => {
    await useSlotHarness();
    // The folder's path goes through a file: the .part cannot be created.
    const blocker = join(t.h.root, 'not-a-folder');
    await writeFile(blocker, 'x');
    const items: AddJobInput[] = [];
    for (let i = 0; i < 3 * SLOTS.maxPerHost; i++) {
      t.server.route(`/u${i}.bin`, { body: makeContent(1000, i) });
      items.push({ url: t.server.url(`/u${i}.bin`), dir: join(blocker, 'downloads') });
    }
    const jobs = await runAll(items);
    for (const j of jobs) expect(j.error?.code).toBe('HAUL_E_NOT_WRITABLE');
    await hostStillServes();
  });

  it('gives the slot back when verification cannot start', async () => {
    // Without the process pool a checksum cannot be verified: that fails after the first request.
    await useSlotHarness({ pool: undefined });
    const items: AddJobInput[] = [];
    for (let i = 0; i < 3 * SLOTS.maxPerHost; i++) {
      const body = makeContent(1000, i);
      t.server.route(`/v${i}.bin`, { body });
      items.push({ url: t.server.url(`/v${i}.bin`), checksum: `sha256=${sha256(body)}` });
    }
    const jobs = await runAll(items);
    for (const j of jobs) expect(j.error?.message).toMatch(/process pool/);
    await hostStillServes();
  });
});
