// Credentials go where the user sent them and nowhere else: user:password in the URL becomes
// Basic auth on every request of the download, and a redirect to another origin drops
// Authorization and Cookie.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, withPool, type Harness } from '../helpers/engine-harness';
import { startQuirkyServer, type QuirkyServer } from '../helpers/quirky-server';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
let a: QuirkyServer;
let b: QuirkyServer;
let h: Harness;
const body = makeContent(2 * MiB, 81);

beforeEach(async () => {
  [a, b] = await Promise.all([startQuirkyServer(), startQuirkyServer()]);
  h = await makeHarness();
});
afterEach(async () => {
  await h.cleanup();
  await Promise.all([a.close(), b.close()]);
});

async function download(url: string, headers?: Record<string, string>) {
  const { added, rejected } = h.engine.addJobs([{ url, connections: 4, headers }]);
  expect(rejected).toEqual([]);
  const job = await h.waitFor(added[0]!.id, ['completed', 'failed']);
  expect(job.error).toBeNull();
  expect(await sha256File(job.path!)).toBe(sha256(body));
  return job;
}

describe('credentials', () => {
  it('user:password in the URL is Basic auth on every request, never in the request line', async () => {
    a.route('/private.bin', { body });
    await download(a.url('/private.bin').replace('http://', 'http://ann:p%40ss%3Aword@'));
    const requests = a.requests('/private.bin');
    expect(requests.length).toBeGreaterThan(1);
    for (const r of requests) {
      expect(r.headers.authorization).toBe(`Basic ${Buffer.from('ann:p@ss:word').toString('base64')}`);
      expect(r.url).toBe('/private.bin');
    }
  });

  it('an Authorization header given with the job wins over the URL', async () => {
    a.route('/token.bin', { body });
    await download(a.url('/token.bin').replace('http://', 'http://ann:secret@'), { Authorization: 'Bearer t0k3n' });
    expect(new Set(a.requests('/token.bin').map((r) => r.headers.authorization))).toEqual(new Set(['Bearer t0k3n']));
  });

  it('a redirect to another origin drops Authorization and Cookie; the same origin keeps them', async () => {
    b.route('/file.bin', { body });
    a.redirect('/away', b.url('/file.bin'));
    await download(a.url('/away').replace('http://', 'http://ann:secret@'), { Cookie: 'session=abc' });
    expect(a.requests('/away')[0]!.headers.cookie).toBe('session=abc');
    for (const r of b.requests('/file.bin')) {
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers.cookie).toBeUndefined();
    }

    a.route('/here.bin', { body });
    a.redirect('/stay', '/here.bin');
    // An absolute Location on the same origin, without the user info: still the user's origin.
    a.redirect('/stay', a.url('/here.bin'));
    await download(a.url('/stay').replace('http://', 'http://ann:secret@'), { Cookie: 'session=abc' });
    const here = a.requests('/here.bin');
    expect(here.length).toBeGreaterThan(1);
    for (const r of here) {
      expect(r.headers.cookie).toBe('session=abc');
      expect(r.headers.authorization).toBe(`Basic ${Buffer.from('ann:secret').toString('base64')}`);
    }
  });

  it('a checksum file on another origin gets no credentials', async () => {
    await h.cleanup();
    h = await makeHarness(withPool());
    a.route('/c.bin', { body });
    b.route('/c.bin.sha256', { body: Buffer.from(`${sha256(body)}  c.bin\n`) });
    const { added } = h.engine.addJobs([{ url: a.url('/c.bin'), checksumUrl: b.url('/c.bin.sha256'), headers: { Cookie: 'session=abc' } }]);
    const job = await h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.checksum?.ok).toBe(true);
    expect(a.requests('/c.bin')[0]!.headers.cookie).toBe('session=abc');
    expect(b.requests('/c.bin.sha256')[0]!.headers.cookie).toBeUndefined();
  });

  it('error messages show the URL without its password', async () => {
    a.route('/gone.bin', { body, quirks: { status: 404 } });
    const { added } = h.engine.addJobs([{ url: a.url('/gone.bin').replace('http://', 'http://ann:hunter2@') }]);
    const job = await h.waitFor(added[0]!.id, ['completed', 'failed']);
    expect(job.error?.message).toBe(`HTTP 404 Not Found for ${a.url('/gone.bin').replace('http://', 'http://ann:***@')}`);
  });
});
