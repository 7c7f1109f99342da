// Servers that close the connection after each response: HTTP/1.0 servers, embedded devices,
// `Connection: close`, nginx at its keep-alive limit. When Haul holds a body back (a speed limit,
// a slow disk) the server's FIN arrives while undici's parser is paused; unpatched undici 7 then
// throws an AssertionError that no handler can catch (nodejs/undici#5360; see patches/). Here the
// process must survive and every byte must be right.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEngineFixture } from '../helpers/engine-fixture';
import { busybox, mustHave, pythonHttp, type RealServer, type RealServerKind } from '../helpers/real-servers';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const t = useEngineFixture();

// In a real process an exception thrown from a socket's event handler ends it; the test runner
// would only report it beside a passing test. Each test here fails on one instead.
let uncaught: unknown[] = [];
const collect = (err: unknown): void => void uncaught.push(err);
beforeEach(() => {
  uncaught = [];
  process.on('uncaughtException', collect);
});
afterEach(() => {
  process.off('uncaughtException', collect);
  expect(uncaught.map((e) => (e instanceof Error ? e.stack : String(e)))).toEqual([]);
});

async function download(url: string, opts: { connections: number; speedLimit: number }) {
  const { added } = t.h.engine.addJobs([{ url, ...opts }]);
  return t.h.waitFor(added[0]!.id, ['completed', 'failed', 'paused'], 60_000);
}

describe('a server that closes the connection after each response', () => {
  it('with a speed limit over one connection: no crash, exact bytes', async () => {
    const body = makeContent(4 * MiB, 3);
    t.server.route('/close.bin', { body, quirks: { headers: { connection: 'close' } } });
    const job = await download(t.server.url('/close.bin'), { connections: 1, speedLimit: 4 * MiB });
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    // Each response went out whole and the server closed after it.
    expect(t.server.requests('/close.bin').every((r) => r.outcome === 'complete')).toBe(true);
  });

  it('with a speed limit over eight connections: no crash, exact bytes', async () => {
    const body = makeContent(8 * MiB, 4);
    t.server.route('/close8.bin', { body, quirks: { headers: { connection: 'close' } } });
    const job = await download(t.server.url('/close8.bin'), { connections: 8, speedLimit: 8 * MiB });
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.requests('/close8.bin').length).toBeGreaterThan(1);
  });

  it('a body cut short before its Content-Length under a speed limit is retried, never taken as whole', async () => {
    const body = makeContent(4 * MiB, 6);
    t.server.route('/short.bin', { body, quirks: { headers: { connection: 'close' }, shortBy: 100_000, shortTimes: 2 } });
    const job = await download(t.server.url('/short.bin'), { connections: 1, speedLimit: 4 * MiB });
    expect(job.error).toBeNull();
    expect(await sha256File(job.path!)).toBe(sha256(body));
    expect(t.server.requests('/short.bin').filter((r) => r.outcome === 'short')).toHaveLength(2);
  });

  describe('a body whose end is the connection closing (no Content-Length)', () => {
    const body = makeContent(3 * MiB, 5);
    let server: Server;
    let origin = '';
    beforeAll(async () => {
      server = createServer((sock) => {
        sock.once('data', () => {
          sock.write('HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n');
          sock.end(body);
        });
        sock.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is received whole under a speed limit', async () => {
      const job = await download(`${origin}/eof.bin`, { connections: 4, speedLimit: 3 * MiB });
      expect(job.error).toBeNull();
      expect(job.total).toBe(body.length);
      expect(await sha256File(job.path!)).toBe(sha256(body));
    });
  });
});

// The real servers the issue was found with. Each serves a folder holding one file.
describe.each([
  { kind: busybox, size: 16 * MiB, connections: 8, speedLimit: 8 * MiB },
  { kind: pythonHttp, size: 4 * MiB, connections: 1, speedLimit: 4 * MiB },
] satisfies { kind: RealServerKind; size: number; connections: number; speedLimit: number }[])(
  'real server: $kind.name',
  ({ kind, size, connections, speedLimit }) => {
    const present = mustHave(kind);
    const body = makeContent(size, size % 89);
    let dir = '';
    let server: RealServer | null = null;
    beforeAll(async () => {
      if (!present) return;
      dir = await mkdtemp(join(tmpdir(), 'haul-real-server-'));
      await writeFile(join(dir, 'disk.img'), body);
      server = await kind.start(dir);
    });
    afterAll(async () => {
      await server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it.runIf(present)(`downloads with -x ${connections} and a speed limit: no crash, exact bytes`, async () => {
      const job = await download(server!.url('/disk.img'), { connections, speedLimit });
      expect(job.error).toBeNull();
      expect(job.total).toBe(body.length);
      expect(await sha256File(job.path!)).toBe(sha256(body));
    });
  },
);
