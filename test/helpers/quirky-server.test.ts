import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFileServer, startQuirkyServer, type QuirkyServer } from './quirky-server';
import { parseRange, type RangeAnswer } from './quirky-routes';
import { makeContent, sha256, sha256File } from './test-content';

const SIZE = 64 * 1024 + 3;
const content = makeContent(SIZE, 7);

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  error: (Error & { code?: string }) | null;
}

/** Reads the whole body, keeping what arrived before an error, as a resuming engine would. */
async function get(url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET'): Promise<Got> {
  const res = await request(url, { method, headers });
  const chunks: Buffer[] = [];
  let error: Got['error'] = null;
  try {
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
  } catch (err) {
    error = err as Got['error'];
  }
  return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), error };
}

/** The exact bytes on the wire, for header bytes that a client library would decode. */
function rawGet(origin: string, path: string): Promise<Buffer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
  });
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  for (const deadline = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 5))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
  }
}

describe('test content and range parsing', () => {
  it('makes deterministic, exactly sized, seed-dependent content and hashes it', async () => {
    for (const size of [0, 1, 5, 1_000_003]) expect(makeContent(size, 3)).toHaveLength(size);
    expect(makeContent(999, 3).equals(makeContent(1000, 3).subarray(0, 999))).toBe(true);
    expect(makeContent(1000, 3).equals(makeContent(1000, 4))).toBe(false);
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const dir = await mkdtemp(join(tmpdir(), 'haul-content-'));
    try {
      await writeFile(join(dir, 'f'), content);
      expect(await sha256File(join(dir, 'f'))).toBe(sha256(content));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('parses one range as RFC 9110 says and gives up on the rest', () => {
    const full = (h: string | undefined): [string | undefined, RangeAnswer] => [h, { kind: 'full' }];
    const cases: [string | undefined, RangeAnswer][] = [
      ['bytes=0-9', { kind: 'partial', start: 0, end: 9 }],
      ['bytes=90-', { kind: 'partial', start: 90, end: 99 }],
      ['bytes=-10', { kind: 'partial', start: 90, end: 99 }],
      ['bytes=-500', { kind: 'partial', start: 0, end: 99 }],
      ['bytes=50-5000', { kind: 'partial', start: 50, end: 99 }],
      ['bytes=100-', { kind: 'unsatisfiable' }],
      ['bytes=-0', { kind: 'unsatisfiable' }],
      ...['bytes=0-1,5-6', 'bytes=9-1', 'items=0-1', 'bytes=-', undefined].map(full),
    ];
    for (const [header, answer] of cases) expect([header, parseRange(header, 100)]).toEqual([header, answer]);
  });
});

describe('quirky server', { timeout: 10_000 }, () => {
  let server: QuirkyServer;
  beforeAll(async () => {
    server = await startQuirkyServer();
  });
  afterAll(() => server.close());

  it('serves a plain GET with validators, never compressed, and logs what the client sent', async () => {
    server.route('/plain.bin', { body: content });
    const headers = { 'user-agent': 'haul-test', 'accept-encoding': 'gzip', cookie: 'a=1' };
    const got = await get(server.url('/plain.bin'), headers);
    expect([got.status, got.body.equals(content), got.headers['content-encoding']]).toEqual([200, true, undefined]);
    expect(got.headers).toMatchObject({
      'accept-ranges': 'bytes', 'content-length': String(SIZE), 'content-type': 'application/octet-stream',
      'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT', etag: expect.stringMatching(/^"[0-9a-f]+"$/),
    });
    const [entry] = server.requests('/plain.bin');
    expect(entry).toMatchObject({ method: 'GET', status: 200, bytesSent: SIZE, outcome: 'complete', range: undefined });
    expect(entry!.headers).toMatchObject(headers);
    expect(entry!.finishedAt).toBeGreaterThanOrEqual(entry!.startedAt);
    expect(server.bytesSent('/plain.bin')).toBe(SIZE);
  });

  it('answers ranges with 206 and Content-Range, 416 when unsatisfiable, 200 for several', async () => {
    server.route('/r.bin', { body: content });
    const cases: [string, number, number][] = [
      ['bytes=10-19', 10, 19],
      ['bytes=65000-', 65000, SIZE - 1],
      ['bytes=-3', SIZE - 3, SIZE - 1],
      ['bytes=5-999999', 5, SIZE - 1],
    ];
    for (const [range, start, end] of cases) {
      const got = await get(server.url('/r.bin'), { range });
      expect([got.status, got.headers['content-range'], got.headers['content-length']])
        .toEqual([206, `bytes ${start}-${end}/${SIZE}`, String(end - start + 1)]);
      expect(got.body.equals(content.subarray(start, end + 1))).toBe(true);
    }
    const bad = await get(server.url('/r.bin'), { range: `bytes=${SIZE}-` });
    expect([bad.status, bad.headers['content-range']]).toEqual([416, `bytes */${SIZE}`]);
    const multi = await get(server.url('/r.bin'), { range: 'bytes=0-1,4-5' });
    expect([multi.status, multi.body.length]).toEqual([200, SIZE]);
    const logged = server.requests('/r.bin').map((e) => e.range);
    expect(logged).toEqual([...cases.map((c) => c[0]), `bytes=${SIZE}-`, 'bytes=0-1,4-5']);
  });

  it('answers HEAD with the same headers and no body', async () => {
    server.route('/head.bin', { body: content });
    const full = await get(server.url('/head.bin'), {}, 'HEAD');
    expect([full.status, full.body.length, full.headers['content-length']]).toEqual([200, 0, String(SIZE)]);
    const ranged = await get(server.url('/head.bin'), { range: 'bytes=0-99' }, 'HEAD');
    expect([ranged.status, ranged.headers['content-range']]).toEqual([206, `bytes 0-99/${SIZE}`]);
    expect(server.bytesSent('/head.bin')).toBe(0);
  });

  it('can ignore ranges, drop or set validators, and go chunked', async () => {
    server.route('/norange', { body: content, quirks: { ranges: false, etag: null, lastModified: null } });
    const a = await get(server.url('/norange'), { range: 'bytes=10-19' });
    expect([a.status, a.body.length, a.headers['accept-ranges'], a.headers.etag, a.headers['last-modified']])
      .toEqual([200, SIZE, undefined, undefined, undefined]);
    const date = 'Sun, 06 Nov 1994 08:49:37 GMT';
    server.route('/custom', { body: content, quirks: { etag: 'W/"weak"', lastModified: date, contentLength: false } });
    const b = await get(server.url('/custom'));
    expect([b.headers.etag, b.headers['last-modified'], b.headers['content-length'], b.headers['transfer-encoding']])
      .toEqual(['W/"weak"', date, undefined, 'chunked']);
    expect(b.body.equals(content)).toBe(true);
  });

  it('honours If-Range only on a strong ETag or exact date match', async () => {
    server.route('/ifr', { body: content });
    const { headers } = await get(server.url('/ifr'), {}, 'HEAD');
    const [etag, date] = [String(headers.etag), String(headers['last-modified'])];
    const cases: [string, number][] = [
      [etag, 206], ['"other"', 200], [`W/${etag}`, 200], [date, 206], ['Tue, 02 Jan 2024 00:00:00 GMT', 200],
    ];
    for (const [ifRange, status] of cases) {
      const got = await get(server.url('/ifr'), { range: 'bytes=100-199', 'if-range': ifRange });
      expect([ifRange, got.status, got.body.length]).toEqual([ifRange, status, status === 206 ? 100 : SIZE]);
    }
    expect(server.requests('/ifr').slice(1).map((e) => e.ifRange)).toEqual(cases.map((c) => c[0]));
    server.route('/ifr-ignored', { body: content, quirks: { honourIfRange: false } });
    expect((await get(server.url('/ifr-ignored'), { range: 'bytes=1-2', 'if-range': '"x"' })).status).toBe(206);
  });

  it('answers a ranged request with 200 or a wrong Content-Range on chosen requests', async () => {
    server.route('/ign', { body: content, quirks: { ignoreRangeFor: [1] } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(server.url('/ign'), { range: 'bytes=100-199' })).status);
    expect(statuses).toEqual([206, 200, 206]);
    server.route('/wrong', { body: content, quirks: { wrongContentRangeFor: [0, 1] } });
    const later = await get(server.url('/wrong'), { range: 'bytes=100-199' });
    expect([later.status, later.headers['content-range']]).toEqual([206, `bytes 0-99/${SIZE}`]);
    expect(later.body.equals(content.subarray(0, 100))).toBe(true);
    const first = await get(server.url('/wrong'), { range: 'bytes=0-99' });
    expect(first.headers['content-range']).toBe(`bytes 1-100/${SIZE}`);
    expect(first.body.equals(content.subarray(1, 101))).toBe(true);
    // Without a Range header: a 206 nobody asked for, from byte 1 to the end.
    server.route('/unasked', { body: content, quirks: { wrongContentRangeFor: [0] } });
    const unasked = await get(server.url('/unasked'));
    expect([unasked.status, unasked.headers['content-range']]).toEqual([206, `bytes 1-${SIZE - 1}/${SIZE}`]);
    expect(unasked.body.equals(content.subarray(1))).toBe(true);
    expect((await get(server.url('/unasked'))).status).toBe(200);
  });

  it('changes content, ETag and Last-Modified after N requests', async () => {
    server.route('/chg', { body: content, quirks: { changeAfter: 1 } });
    const before = await get(server.url('/chg'));
    const after = await get(server.url('/chg'));
    expect([before.body.equals(content), after.body.length, after.body.equals(content)]).toEqual([true, SIZE, false]);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.headers['last-modified']).not.toBe(before.headers['last-modified']);
    const resumed = await get(server.url('/chg'), { range: 'bytes=100-', 'if-range': String(before.headers.etag) });
    expect([resumed.status, resumed.body.equals(after.body)]).toEqual([200, true]);
  });

  it('resets the connection mid-body on the first responses, then behaves', async () => {
    server.route('/reset', { body: content, quirks: { resetAfter: 1000, resetTimes: 2 } });
    for (let i = 0; i < 2; i++) {
      const got = await get(server.url('/reset'), { range: 'bytes=10-' });
      expect([got.status, got.error?.message]).toEqual([206, 'other side closed']);
      expect(got.body.equals(content.subarray(10, 1010))).toBe(true);
    }
    const ok = await get(server.url('/reset'));
    expect([ok.error, ok.body.length]).toEqual([null, SIZE]);
    expect(server.requests('/reset').map((e) => [e.outcome, e.bytesSent]))
      .toEqual([['reset', 1000], ['reset', 1000], ['complete', SIZE]]);
    server.route('/rst', { body: content, quirks: { resetAfter: 0, resetHard: true } });
    expect((await get(server.url('/rst'))).error?.code).toBe('ECONNRESET');
  });

  it('fails the first requests with 503 / 429 and Retry-After', async () => {
    server.route('/busy', { body: content, quirks: { failFirst: { count: 2, status: 503, retryAfter: '2' } } });
    const got = [await get(server.url('/busy')), await get(server.url('/busy')), await get(server.url('/busy'))];
    expect(got.map((g) => [g.status, g.headers['retry-after']])).toEqual([[503, '2'], [503, '2'], [200, undefined]]);
    server.route('/slow-down', { body: content, quirks: { failFirst: { count: 1, status: 429 } } });
    const limited = await get(server.url('/slow-down'));
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, undefined]);
    expect(server.bytesSent('/busy')).toBe(SIZE);
  });

  it('ends a body early: a clean FIN with Content-Length, a short complete body when chunked', async () => {
    server.route('/short', { body: content, quirks: { shortBy: 100 } });
    const cut = await get(server.url('/short'));
    expect([cut.headers['content-length'], cut.headers.connection]).toEqual([String(SIZE), 'close']);
    expect(cut.error).not.toBeNull();
    expect(cut.body.equals(content.subarray(0, SIZE - 100))).toBe(true);
    expect((await get(server.url('/short'))).body).toHaveLength(SIZE);
    server.route('/short-chunked', { body: content, quirks: { shortBy: 100, contentLength: false } });
    const chunked = await get(server.url('/short-chunked'));
    expect([chunked.error, chunked.body.length]).toEqual([null, SIZE - 100]);
    expect(server.requests('/short-chunked')[0]!.outcome).toBe('short');
  });

  it('throttles each response', async () => {
    const rate = 256 * 1024;
    server.route('/throttled', { body: content, quirks: { throttle: rate } });
    const started = performance.now();
    expect((await get(server.url('/throttled'))).body.equals(content)).toBe(true);
    // Only a lower bound: the first ~20 ms chunk goes at once, the rest at `rate`.
    expect(performance.now() - started).toBeGreaterThan(((SIZE - rate / 50) / rate) * 1000 * 0.9);
  });

  it('serves every response on one chosen TCP connection slowly, the others at full speed', async () => {
    const rate = 256 * 1024;
    server.route('/one-slow', { body: content, quirks: { slowConnection: { nth: 2, rate } } });
    const [first, second, third] = [new Client(server.origin), new Client(server.origin), new Client(server.origin)];
    try {
      const fetch = async (c: Client): Promise<Buffer> => Buffer.from(await (await c.request({ path: '/one-slow', method: 'GET' })).body.arrayBuffer());
      expect((await fetch(first)).equals(content)).toBe(true);
      const started = performance.now();
      expect((await fetch(second)).equals(content)).toBe(true);
      // Only a lower bound, as for `throttle`: the first ~20 ms chunk goes at once.
      expect(performance.now() - started).toBeGreaterThan(((SIZE - rate / 50) / rate) * 1000 * 0.9);
      for (const c of [third, second, first]) expect((await fetch(c)).equals(content)).toBe(true);
    } finally {
      await Promise.all([first.close(), second.close(), third.close()]);
    }
    const log = server.requests('/one-slow');
    const [c1, c2, c3] = log.slice(0, 3).map((e) => e.connection);
    expect(new Set([c1, c2, c3]).size).toBe(3);
    // Pinned to the connection, not the request: its later keep-alive response is slow too.
    expect(log.map((e) => [e.connection, e.rate])).toEqual([[c1, 0], [c2, rate], [c3, 0], [c2, rate], [c1, 0]]);
    // Replacing the route counts connections afresh.
    server.route('/one-slow', { body: content, quirks: { slowConnection: { nth: 1, rate } } });
    expect((await get(server.url('/one-slow'))).body.equals(content)).toBe(true);
    expect(server.requests('/one-slow').at(-1)!.rate).toBe(rate);
  });

  it('sends Content-Disposition bytes exactly as given', async () => {
    const utf8 = Buffer.from('attachment; filename="naïve €.txt"');
    server.route('/utf8', { body: content, quirks: { contentDisposition: utf8 } });
    server.route('/latin1', { body: content, quirks: { contentDisposition: 'attachment; filename="café.txt"' } });
    expect((await rawGet(server.origin, '/utf8')).includes(Buffer.concat([utf8, Buffer.from('\r\n')]))).toBe(true);
    const latin1 = Buffer.from('filename="caf\xe9.txt"\r\n', 'latin1');
    expect((await rawGet(server.origin, '/latin1')).includes(latin1)).toBe(true);
    expect(() => server.route('/bad', { body: content, quirks: { contentDisposition: 'a€' } })).toThrow(/latin1/);
  });

  it('answers fixed statuses, unknown paths and redirects', async () => {
    server.route('/gone', { body: content, quirks: { status: 410 } });
    const gone = await get(server.url('/gone'));
    expect([gone.status, gone.body.toString()]).toEqual([410, '410 Gone\n']);
    expect((await get(server.url('/nowhere'))).status).toBe(404);
    server.redirect('/a', 'b');
    server.redirect('/b', server.url('/plain.bin'), 301);
    server.redirect('/loop1', '/loop2', 307);
    server.redirect('/loop2', '/loop1', 308);
    const [a, b, loop] = [await get(server.url('/a')), await get(server.url('/b')), await get(server.url('/loop2'))];
    expect([a.status, a.headers.location]).toEqual([302, 'b']);
    expect([b.status, b.headers.location]).toEqual([301, server.url('/plain.bin')]);
    expect([loop.status, loop.headers.location, server.requests('/loop2')[0]!.status]).toEqual([308, '/loop1', 308]);
  });

  it('answers HEAD with headStatus and serves GET as usual', async () => {
    server.route('/no-head.bin', { body: content, quirks: { headStatus: 405 } });
    const head = await get(server.url('/no-head.bin'), {}, 'HEAD');
    const body = await get(server.url('/no-head.bin'), { range: 'bytes=0-0' });
    expect(head.status).toBe(405);
    expect([body.status, body.headers['content-range'], body.body.length]).toEqual([206, `bytes 0-0/${SIZE}`, 1]);
  });

  it('answers 401 to requests without the required header values, and serves those with them', async () => {
    const auth = `Basic ${Buffer.from('ann:pw').toString('base64')}`;
    server.route('/login.bin', { body: content, quirks: { requireHeaders: { authorization: auth, cookie: 's=1' } } });
    const none = await get(server.url('/login.bin'));
    const wrong = await get(server.url('/login.bin'), { authorization: auth, cookie: 's=2' });
    const both = await get(server.url('/login.bin'), { authorization: auth, cookie: 's=1', range: 'bytes=10-19' });
    expect([none.status, none.headers['www-authenticate'], none.body.toString()]).toEqual([401, 'Basic realm="quirky"', '401 Unauthorized\n']);
    expect(wrong.status).toBe(401);
    expect([both.status, both.body.equals(content.subarray(10, 20))]).toEqual([206, true]);
  });

  it('matches routes without the query string and adds extra headers', async () => {
    const headers = { 'Accept-Ranges': 'none', 'set-cookie': ['a=1', 'b=2'] };
    server.route('/q', { body: content, quirks: { headers } });
    const got = await get(server.url('/q?sig=abc&x=1'));
    expect([got.status, got.headers['accept-ranges']]).toEqual([200, 'none']);
    expect(got.headers['set-cookie']).toEqual(headers['set-cookie']);
    expect(server.requests('/q')[0]!.url).toBe('/q?sig=abc&x=1');
  });

  it('keeps connections alive unless asked to close', async () => {
    server.route('/ka', { body: content });
    const client = new Client(server.origin);
    try {
      for (const headers of [{}, {}, { connection: 'close' }, {}]) {
        await (await client.request({ path: '/ka', method: 'GET', headers })).body.arrayBuffer();
      }
    } finally {
      await client.close();
    }
    const [c1, c2, c3, c4] = server.requests('/ka').map((e) => e.connection);
    expect([c2, c3]).toEqual([c1, c1]);
    expect(c4).not.toBe(c1);
  });
});

describe('quirky server: stalls, connection limits and close', { timeout: 10_000 }, () => {
  it('stalls mid-body until close(), which ends the stalled response instead of waiting for it', async () => {
    const server = await startQuirkyServer();
    server.route('/stall', { body: content, quirks: { stallAfter: 5000 } });
    const res = await request(server.url('/stall'));
    let received = 0;
    const ended = new Promise<Error | null>((resolve) => {
      res.body.on('data', (d: Buffer) => void (received += d.length));
      res.body.on('error', resolve).on('end', () => resolve(null));
    });
    // 'stalled' is logged once the cut is reached and nothing more will be written.
    await until(() => received === 5000 && server.requests('/stall')[0]!.outcome === 'stalled');
    expect(server.concurrent('/stall')).toBe(1);
    // A plain server.close() would wait for the open response forever (this describe's timeout).
    await server.close();
    expect(await ended).not.toBeNull(); // an error, not the end of the body
    expect([received, server.requests('/stall')[0]!.bytesSent]).toEqual([5000, 5000]);
    expect(server.concurrent()).toBe(0);
  });

  it('answers the first silentFirst requests with nothing at all, not even a status line', async () => {
    const server = await startQuirkyServer();
    try {
      server.route('/mute', { body: content, quirks: { silentFirst: 1 } });
      const client = new Client(server.origin, { headersTimeout: 300 });
      try {
        await expect(client.request({ path: '/mute', method: 'GET' })).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
      } finally {
        await client.close();
      }
      expect((await get(server.url('/mute'))).body.equals(content)).toBe(true);
      expect(server.requests('/mute').map((e) => [e.status, e.outcome])).toEqual([[0, 'silent'], [200, 'complete']]);
    } finally {
      await server.close();
    }
  });

  it('holds a body after some bytes until released, then sends the rest', async () => {
    const server = await startQuirkyServer();
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      server.route('/held', { body: content, quirks: { hold: { after: 1000, until: gate } } });
      const res = await request(server.url('/held'), { headers: { range: 'bytes=10-' } });
      const chunks: Buffer[] = [];
      const ended = new Promise<void>((resolve) => res.body.on('data', (d: Buffer) => chunks.push(d)).on('end', () => resolve()));
      // Held once every byte before the hold is written, and nothing after it is.
      await until(() => Buffer.concat(chunks).length === 1000 && server.requests('/held')[0]!.held === true);
      expect([server.requests('/held')[0]!.bytesSent, server.concurrent('/held')]).toEqual([1000, 1]);
      release();
      await ended;
      expect(Buffer.concat(chunks).equals(content.subarray(10))).toBe(true);
      expect(server.requests('/held')[0]!.held).toBe(false);
      // Once released, later responses are not held.
      expect((await get(server.url('/held'))).body.equals(content)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('answers 503 beyond maxConnections responses in flight', async () => {
    const server = await startQuirkyServer();
    try {
      server.route('/lim', { body: content, quirks: { maxConnections: 2, stallAfter: 0, stallTimes: 2 } });
      const held = [await request(server.url('/lim')), await request(server.url('/lim'))];
      expect(held.map((r) => r.statusCode)).toEqual([200, 200]);
      const third = await get(server.url('/lim'));
      expect([third.status, third.headers['retry-after']]).toEqual([503, '1']);
      const counts = [server.concurrent('/lim'), server.maxConcurrent('/lim'), server.maxConcurrent()];
      expect(counts).toEqual([2, 2, 2]);
      for (const r of held) r.body.destroy();
      await until(() => server.concurrent() === 0);
      expect((await get(server.url('/lim'))).body.equals(content)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('file server', { timeout: 10_000 }, () => {
  it('streams files from disk and generated content, with ranges', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'haul-fileserver-'));
    const big = makeContent(3 * 1024 * 1024 + 5, 11);
    const path = join(dir, 'big.bin');
    await writeFile(path, big);
    const files = { '/big.bin': { path }, '/gen.bin': { size: 100_000, seed: 2 } };
    const server = await startFileServer({ files });
    try {
      const part = await get(server.url('/big.bin'), { range: 'bytes=1000000-2999999' });
      expect([part.status, part.body.equals(big.subarray(1_000_000, 3_000_000))]).toEqual([206, true]);
      const whole = await get(server.url('/big.bin'));
      expect(sha256(whole.body)).toBe(sha256(big));
      expect(whole.headers['last-modified']).toBe((await stat(path)).mtime.toUTCString());
      expect(whole.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
      expect(sha256((await get(server.url('/gen.bin'))).body)).toBe(sha256(makeContent(100_000, 2)));
      expect(server.bytesSent()).toBe(2_000_000 + big.length + 100_000);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
