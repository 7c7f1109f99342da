// "No tail stall at 99%": a free connection takes over the rest of a slow one's range, even below
// the minimum split size, and does not keep adding requests where that gains nothing.
import { describe, expect, it } from 'vitest';
import type { RequestLog } from '../helpers/quirky-server';
import { makeHarness } from '../helpers/engine-harness';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const t = useEngineFixture();

async function download(url: string, connections: number) {
  const { added, rejected } = t.h.engine.addJobs([{ url, connections }]);
  expect(rejected).toEqual([]);
  return t.h.waitFor(added[0]!.id, ['completed', 'failed'], 30_000);
}

/** [first, end) of the byte range a request asked for. */
function asked(r: RequestLog): [number, number] {
  const m = /bytes=(\d+)-(\d*)/.exec(r.range ?? '');
  return m ? [Number(m[1]), m[2] === '' ? Number.POSITIVE_INFINITY : Number(m[2]) + 1] : [0, Number.POSITIVE_INFINITY];
}

describe('tail takeover', () => {
  it('hands the rest of a slow connection\'s range to a free one, below the minimum split size', async () => {
    // 16 MiB in 2 MiB pieces with a 1 MiB minimum split: the slow piece is never worth halving, so
    // without a takeover the download waits ~8 s on it at 256 KiB/s while three connections idle.
    await t.h.cleanup();
    t.h = await makeHarness({}, { minSplitSize: MiB, maxPerHost: 4 });
    const body = makeContent(16 * MiB, 21);
    const slowRate = 256 * 1024;
    t.server.route('/tail.bin', { body, quirks: { slowConnection: { nth: 2, rate: slowRate } } });
    const job = await download(t.server.url('/tail.bin'), 4);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));

    const log = t.server.requests('/tail.bin');
    const slow = log.filter((r) => r.rate === slowRate);
    expect(slow).toHaveLength(1);
    const [from, to] = asked(slow[0]!);
    expect(to - from).toBe(2 * MiB);
    // The slow response was cut after a small part of its range…
    expect(slow[0]!.outcome).toBe('aborted');
    expect(slow[0]!.bytesSent).toBeLessThan((to - from) / 2);
    // …because a fast connection asked for the rest of it, up to the end of that range.
    const takeover = log.find((r) => r !== slow[0] && r.rate === 0 && asked(r)[0] > from && asked(r)[0] < to && asked(r)[1] === to);
    expect(takeover).toBeDefined();
    // The fresh request waited for a free slot of the host.
    expect(t.server.maxConcurrent('/tail.bin')).toBeLessThanOrEqual(4);
  });

  it('gives a stalled response\'s range to a free connection without waiting for the stall timeout', async () => {
    await t.h.cleanup();
    // A stall timeout far beyond the test's wait: only a takeover finishes this download in time.
    t.h = await makeHarness({}, { minSplitSize: MiB, stallTimeoutMs: 120_000 });
    const body = makeContent(8 * MiB, 22);
    // The first response (the probe's, piece 0) goes silent after 64 KiB and stays silent.
    t.server.route('/stall.bin', { body, quirks: { stallAfter: 64 * 1024 } });
    const job = await download(t.server.url('/stall.bin'), 4);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const [stalled, ...rest] = t.server.requests('/stall.bin');
    expect(stalled!.outcome).toBe('stalled');
    // The rest of its piece went to other connections, from the first byte it lacked…
    expect(rest.some((r) => asked(r)[0] === 64 * 1024)).toBe(true);
    // …and the silent connection was let go, not left hanging.
    await t.h.waitUntil(() => stalled!.finishedAt !== undefined, 'the client to close the stalled connection');
  });

  it('does not keep adding requests when every connection is equally slow', async () => {
    // nginx's limit_rate: each response at the same rate, so a fresh connection gains little.
    await t.h.cleanup();
    t.h = await makeHarness({}, { minSplitSize: MiB });
    const body = makeContent(8 * MiB, 23);
    t.server.route('/even.bin', { body, quirks: { throttle: 2 * MiB } });
    const job = await download(t.server.url('/even.bin'), 4);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    // Eight 1 MiB pieces, each its own request; at most one takeover per response still running
    // when the others ran out of work.
    expect(t.server.requests('/even.bin').length).toBeLessThanOrEqual(8 + 4);
  });
});
