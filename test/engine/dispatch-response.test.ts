import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchGet } from '../../electron/engine/http/dispatch-response';
import { startQuirkyServer, type QuirkyServer } from '../helpers/quirky-server';
import { makeContent, sha256 } from '../helpers/test-content';

const MiB = 1024 * 1024;
let server: QuirkyServer;
const agent = new Agent();

beforeAll(async () => {
  server = await startQuirkyServer();
});
afterAll(async () => {
  await agent.close();
  await server.close();
});

const get = (path: string) => dispatchGet(agent, { url: new URL(server.url(path)), headers: {}, headersTimeout: 5000, bodyTimeout: 5000 });

describe('dispatchGet: chunks straight from the parser', () => {
  it('delivers every byte in order, holding the socket while the sink is busy', async () => {
    const body = makeContent(8 * MiB, 1);
    server.route('/a', { body });
    const res = await get('/a');
    expect(res.status).toBe(200);
    const chunks: Buffer[] = [];
    let received = 0;
    await res.body.consume((chunk) => {
      chunks.push(Buffer.from(chunk));
      received += chunk.length;
      // A slow consumer: the server must not be able to push the whole body meanwhile.
      if (received === chunk.length) {
        return new Promise<void>((r) => setTimeout(() => {
          expect(server.requests('/a')[0]!.bytesSent).toBeLessThan(8 * MiB);
          r();
        }, 200));
      }
      return undefined;
    });
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(body));
  });

  it('cancel() stops reading and resolves consume()', async () => {
    server.route('/b', { body: makeContent(16 * MiB, 2), quirks: { throttle: 8 * MiB } });
    const res = await get('/b');
    let got = 0;
    await res.body.consume((chunk) => {
      got += chunk.length;
      if (got > MiB) res.body.cancel();
    });
    expect(got).toBeLessThan(4 * MiB);
  });

  it('hands over the bytes received before a reset, then rejects', async () => {
    server.route('/c', { body: makeContent(MiB, 3), quirks: { resetAfter: 300_000 } });
    const res = await get('/c');
    let got = 0;
    await expect(res.body.consume((chunk) => void (got += chunk.length))).rejects.toThrow();
    expect(got).toBe(300_000);
  });

  it('rejects a sink error and drops the connection', async () => {
    server.route('/d', { body: makeContent(4 * MiB, 4) });
    const res = await get('/d');
    await expect(res.body.consume(() => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
  });

  it('rejects the request itself on a refused connection', async () => {
    await expect(dispatchGet(agent, { url: new URL('http://127.0.0.1:1/x'), headers: {}, headersTimeout: 2000, bodyTimeout: 2000 })).rejects.toThrow();
  });

  it('an aborted signal before the head rejects with an AbortError', async () => {
    server.route('/e', { body: makeContent(10, 5) });
    const ac = new AbortController();
    ac.abort();
    await expect(dispatchGet(agent, { url: new URL(server.url('/e')), headers: {}, signal: ac.signal, headersTimeout: 2000, bodyTimeout: 2000 })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
