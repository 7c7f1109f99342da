import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useEngineFixture } from '../helpers/engine-fixture';
import type { RetryWait } from '../../shared/models/job';
import type { Quirks } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { noteInEnglish } from '../helpers/note-in-english';

const MiB = 1024 * 1024;
const t = useEngineFixture();

async function fetchWith(quirks: Quirks, size = 2 * MiB, connections = 4) {
  const body = makeContent(size, size % 97);
  t.server.route('/f.bin', { body, quirks });
  const { added } = t.h.engine.addJobs([{ url: t.server.url('/f.bin'), connections }]);
  const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
  return { job, body };
}

describe('servers that misbehave the way real ones do', () => {
  it('survives mid-body connection resets', async () => {
    const { job, body } = await fetchWith({ resetAfter: 100_000, resetTimes: 3, throttle: 8 * MiB });
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.requests('/f.bin').filter((r) => r.outcome === 'reset').length).toBe(3);
  });

  it('survives hard resets (RST) too', async () => {
    const { job, body } = await fetchWith({ resetAfter: 300_000, resetTimes: 2, resetHard: true });
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('retries a body shorter than its Content-Length from where it stopped', async () => {
    const { job, body } = await fetchWith({ shortBy: 1000, shortTimes: 2 });
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('retries a stalled connection', async () => {
    const { job, body } = await fetchWith({ stallAfter: 50_000, stallTimes: 1 }, 1 * MiB, 1);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.requests('/f.bin').some((r) => r.outcome === 'stalled' || r.outcome === 'aborted')).toBe(true);
  });

  it('honours Retry-After on 503 before trying again', async () => {
    const { job, body } = await fetchWith({ failFirst: { count: 1, status: 503, retryAfter: '1' } });
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const [first, second] = t.server.requests('/f.bin');
    expect(first!.status).toBe(503);
    // A lower bound only: the client waited at least the second the server asked for.
    expect(second!.startedAt - first!.finishedAt!).toBeGreaterThanOrEqual(900);
  });

  it('says why it waits and when it tries again, then clears that once bytes arrive', async () => {
    const body = makeContent(MiB, 41);
    t.server.route('/busy.bin', { body, quirks: { failFirst: { count: 2, status: 503, retryAfter: '1' } } });
    const seen: RetryWait[] = [];
    const off = t.h.engine.events.on('jobs.updated', ({ jobs }) => {
      for (const j of jobs) if (j.retry) seen.push(j.retry);
    });
    try {
      const { added } = t.h.engine.addJobs([{ url: t.server.url('/busy.bin') }]);
      const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
      expect(job.status).toBe('completed');
      expect(await sha256File(job.path!)).toBe(sha256(body));
      expect(job.retry).toBeNull();
    } finally {
      off();
    }
    // Both waits were shown, with the server's answer and the tries left.
    expect(seen.map((w) => w.attempt)).toContain(1);
    expect(seen.map((w) => w.attempt)).toContain(2);
    expect(seen.every((w) => /HTTP 503 Service Unavailable from 127\.0\.0\.1:\d+/.test(w.reason) && w.maxTries === 5)).toBe(true);
    const [first, second] = t.server.requests('/busy.bin');
    // The next try was announced for when the server asked (Retry-After: 1), and happened then.
    const announced = seen.find((w) => w.attempt === 1)!.at;
    expect(announced).toBeGreaterThanOrEqual(first!.finishedAt! + 950);
    expect(announced).toBeLessThan(first!.finishedAt! + 10_000);
    expect(second!.startedAt).toBeGreaterThanOrEqual(announced - 50);
  });

  it('uses fewer connections when the host answers 429/503 to too many', async () => {
    const { job, body } = await fetchWith({ maxConnections: 2, throttle: 4 * MiB }, 4 * MiB, 8);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(noteInEnglish(job.note)).toMatch(/fewer connections/);
  });

  it.each([
    [404, 'Not Found'],
    [403, 'Forbidden'],
    [410, 'Gone'],
    [401, 'Unauthorized'],
  ])('fails at once on HTTP %i with the status in the message', async (status, text) => {
    const { job } = await fetchWith({ status });
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('HAUL_E_HTTP_STATUS');
    expect(job.error?.message).toContain(`HTTP ${status} ${text}`);
    // The status itself too, for whoever shows the error (an expired link reads 403 or 410).
    expect(job.error?.httpStatus).toBe(status);
    expect(t.server.requests('/f.bin')).toHaveLength(1);
  });

  // A 64-letter label is longer than DNS allows: the resolver says "no such name" without asking
  // any server, so this stays on the machine like every other test.
  const UNKNOWN_HOST = `${'a'.repeat(64)}.test`;

  it('fails at once, naming the host, when the server name does not exist', async () => {
    const { added } = t.h.engine.addJobs([{ url: `http://${UNKNOWN_HOST}:${new URL(t.server.url('/')).port}/file.bin` }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.status).toBe('failed');
    // Not HAUL_E_RETRIES_EXHAUSTED: a typo in the address is not tried five times over seconds.
    expect(job.error).toEqual({ code: 'HAUL_E_UNKNOWN_HOST', message: `Cannot find the server ${UNKNOWN_HOST}: no such host name. Check the address.` });
  });

  it('a server that is down is tried again, then the failure says the connection was refused', async () => {
    // A port that was just free: nothing listens on it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const { added } = t.h.engine.addJobs([{ url: `http://127.0.0.1:${port}/down.bin` }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.error).toEqual({
      code: 'HAUL_E_RETRIES_EXHAUSTED',
      message: `Gave up after 5 tries: 127.0.0.1:${port} refused the connection (ECONNREFUSED): no server is listening there, or it is down.`,
    });
  });

  it('a redirect to a server name that does not exist fails the same way', async () => {
    t.server.redirect('/moved', `http://${UNKNOWN_HOST}/file.bin`);
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/moved') }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.error?.code).toBe('HAUL_E_UNKNOWN_HOST');
    expect(t.server.requests('/moved')).toHaveLength(1);
  });

  it('gives up on a server error after the configured number of tries', async () => {
    const { job } = await fetchWith({ status: 500 });
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('HAUL_E_RETRIES_EXHAUSTED');
    expect(job.error?.message).toContain('HTTP 500');
    expect(job.error?.httpStatus).toBe(500);
    expect(t.server.requests('/f.bin')).toHaveLength(5);
  });

  it('follows a redirect chain and names the file after the final URL', async () => {
    const body = makeContent(300_000, 4);
    t.server.route('/files/real-name.iso', { body });
    t.server.redirect('/a', '/b', 301);
    t.server.redirect('/b', t.server.url('/c'), 302);
    t.server.redirect('/c', 'files/real-name.iso', 307);
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/a') }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.status).toBe('completed');
    expect(job.name).toBe('real-name.iso');
    expect(job.finalUrl).toBe(t.server.url('/files/real-name.iso'));
    expect(await sha256File(job.path!)).toBe(sha256(body));
  });

  it('reports a redirect loop clearly', async () => {
    t.server.redirect('/loop1', '/loop2');
    t.server.redirect('/loop2', '/loop1');
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/loop1') }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.error?.code).toBe('HAUL_E_REDIRECT_LOOP');
    expect(job.error?.message).toMatch(/Redirect loop/);
  });

  it('stops after 10 redirects', async () => {
    for (let i = 0; i < 12; i++) t.server.redirect(`/r${i}`, `/r${i + 1}`);
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/r0') }]);
    const job = await t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.error?.code).toBe('HAUL_E_TOO_MANY_REDIRECTS');
  });

  it('never writes a 200 answer to a range request at an offset', async () => {
    // Requests 1 and 2 (the first ranged requests after the probe) get the whole file with 200.
    const { job, body } = await fetchWith({ ignoreRangeFor: [1, 2], throttle: 8 * MiB });
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(noteInEnglish(job.note)).toMatch(/ignored the byte range/);
  });

  it('never writes a 206 for the wrong range', async () => {
    const { job, body } = await fetchWith({ wrongContentRangeFor: [1], throttle: 8 * MiB });
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(noteInEnglish(job.note)).toMatch(/instead of/);
  });

  it('asks again without a range when the first answer is a 206 that does not start at byte 0', async () => {
    const { job, body } = await fetchWith({ wrongContentRangeFor: [0] });
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const [first, second] = t.server.requests('/f.bin');
    expect([first!.range, first!.status]).toEqual(['bytes=0-', 206]);
    expect([second!.range, second!.status]).toEqual([undefined, 200]);
  });

  it('fails clearly, writing nothing, when the server keeps sending a part that does not start at byte 0', async () => {
    const { job } = await fetchWith({ wrongContentRangeFor: [0, 1] });
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('HAUL_E_HTTP_STATUS');
    expect(job.error?.message).toMatch(/asked for all of it.*bytes from 1 instead of 0/);
    expect(t.server.requests('/f.bin')).toHaveLength(2);
    expect(existsSync(t.h.downloads)).toBe(false);
  });

  it('asks for the rest when a 206 of unknown total (bytes 0-N/*) ends before the file does, until the 416 past its end', async () => {
    const { job, body } = await fetchWith({ partsOfUnknownTotal: 300_000 }, 1 * MiB);
    expect(job.status).toBe('completed');
    expect(job.total).toBe(body.length);
    expect(await sha256File(job.path!)).toBe(sha256(body));
    const asked = t.server.requests('/f.bin').map((r) => [r.range, r.status]);
    expect(asked).toEqual([['bytes=0-', 206], ['bytes=300000-', 206], ['bytes=600000-', 206], ['bytes=900000-', 206], ['bytes=1048576-', 416]]);
  });

  it('finishes from the whole file when, after a part of unknown total, the server ignores the next range', async () => {
    const { job, body } = await fetchWith({ partsOfUnknownTotal: 300_000, ignoreRangeFor: [1] }, 1 * MiB);
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.requests('/f.bin').length).toBeLessThan(10);
  });

  it('restarts cleanly when the content changes between requests, and says why', async () => {
    const changed = makeContent(2 * MiB, 99);
    const { job } = await fetchWith({ changeAfter: 2, changedBody: changed, throttle: 8 * MiB });
    expect(job.status).toBe('completed');
    expect(await sha256File(job.path!)).toBe(sha256(changed));
    expect(noteInEnglish(job.note)).toMatch(/changed on the server/);
  });
});
