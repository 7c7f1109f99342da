import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/engine-harness';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const t = useEngineFixture();

async function download(url: string, extra: Parameters<Harness['engine']['addJobs']>[0][0] = { url }) {
  const { added, rejected } = t.h.engine.addJobs([{ ...extra, url }]);
  expect(rejected).toEqual([]);
  return t.h.waitFor(added[0]!.id, ['completed', 'failed']);
}

describe('segmented downloads', () => {
  it('splits a range-capable file over several connections and writes the exact bytes', async () => {
    const body = makeContent(8 * MiB + 12345, 7);
    t.server.route('/big.bin', { body, quirks: { throttle: 4 * MiB } });
    const job = await download(t.server.url('/big.bin'), { url: '', connections: 8 });
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.maxConcurrent('/big.bin')).toBeGreaterThan(1);
    const ranged = t.server.requests('/big.bin').filter((r) => r.range);
    expect(ranged.length).toBeGreaterThanOrEqual(4);
    // Nothing fetched twice on a clean run (a piece here is 1 MiB): the only excess is what the
    // server had already pushed into the socket when the first response was cut at the end of
    // its piece (more when the machine is busy and the cut comes late).
    expect(t.server.bytesSent('/big.bin')).toBeLessThan(body.length + MiB);
    // Every request identified itself and never asked for compression.
    for (const r of t.server.requests('/big.bin')) {
      expect(r.headers['accept-encoding']).toBeUndefined();
      expect(r.headers['user-agent']).toMatch(/^Haul\//);
    }
    expect(await readdir(t.h.downloads)).toEqual(['big.bin']);
  });

  it('runs 64 connections on one file without a listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      t.h.reopen({ overrides: { maxPerHost: 64 } });
      const body = makeContent(64 * MiB, 9);
      // Slow enough that each connection's piece (~1 MiB) lasts ~2 s: at 16 MiB/s the first pieces
      // were done before a loaded machine had opened a dozen connections.
      t.server.route('/wide.bin', { body, quirks: { throttle: 512 * 1024 } });
      const job = await download(t.server.url('/wide.bin'), { url: '', connections: 64 });
      expect(job.status).toBe('completed');
      expect(await sha256File(job.path!)).toBe(sha256(body));
      expect(t.server.maxConcurrent('/wide.bin')).toBeGreaterThan(16);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('tells onSettled listeners at once when a job ends, without waiting for a progress tick', async () => {
    const engine = t.h.reopen({ tickMs: 60_000 });
    const body = makeContent(2 * MiB, 10);
    t.server.route('/now.bin', { body });
    const settled = new Promise<{ status: string; path: string | null }>((resolve) => engine.onSettled(resolve));
    engine.addJobs([{ url: t.server.url('/now.bin') }]);
    const job = await settled;
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('with one connection, fetches the whole file in one request', async () => {
    const body = makeContent(20 * MiB, 11);
    t.server.route('/one.bin', { body });
    const job = await download(t.server.url('/one.bin'), { url: '', connections: 1 });
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.requests('/one.bin')).toHaveLength(1);
  });

  it('uses one connection when the server has no Range support', async () => {
    const body = makeContent(3 * MiB, 2);
    t.server.route('/plain.bin', { body, quirks: { ranges: false } });
    const job = await download(t.server.url('/plain.bin'));
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.requests('/plain.bin')).toHaveLength(1);
    expect(job.resumable).toBe(false);
  });

  it('downloads a body of unknown length (chunked, no Content-Length) on one connection', async () => {
    const body = makeContent(2 * MiB + 3, 3);
    t.server.route('/chunked', { body, quirks: { contentLength: false } });
    const job = await download(t.server.url('/chunked'));
    expect(job.status).toBe('completed');
    expect(job.total).toBe(body.length);
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('writes an empty file for a zero-length resource', async () => {
    t.server.route('/empty.txt', { body: Buffer.alloc(0) });
    const job = await download(t.server.url('/empty.txt'));
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(Buffer.alloc(0)));
  });

  it('does not let a stalled connection hold the tail: a finished one takes over half its range', async () => {
    const body = makeContent(4 * MiB, 5);
    // The first response goes silent after 256 KiB; the other range finishes and must help out.
    t.server.route('/steal.bin', { body, quirks: { throttle: 8 * MiB, stallAfter: 256 * 1024, stallTimes: 1 } });
    const job = await download(t.server.url('/steal.bin'), { url: '', connections: 2 });
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const starts = t.server.requests('/steal.bin').map((r) => Number(/bytes=(\d+)-/.exec(r.range ?? '')?.[1]));
    // Probe at 0, the second connection on the next piece (two pieces per connection: 1 MiB), then
    // a takeover strictly inside the stalled first piece.
    expect(starts.slice(0, 2)).toEqual([0, MiB]);
    expect(starts.some((s) => s > 256 * 1024 && s < MiB)).toBe(true);
  });

  it('shares a per-host connection ceiling across jobs', async () => {
    // The ceiling comes from the engine's settings: start one with maxPerHost 3.
    await t.h.cleanup();
    t.h = await makeHarness({}, { maxPerHost: 3 });
    const body = makeContent(2 * MiB, 9);
    for (const p of ['/a', '/b', '/c']) t.server.route(p, { body, quirks: { throttle: 2 * MiB } });
    const { added } = t.h.engine.addJobs(['/a', '/b', '/c'].map((p) => ({ url: t.server.url(p), connections: 8 })));
    for (const j of added) expect((await t.h.waitFor(j.id, ['completed', 'failed'])).status).toBe('completed');
    expect(t.server.maxConcurrent()).toBeLessThanOrEqual(3);
  });
});
