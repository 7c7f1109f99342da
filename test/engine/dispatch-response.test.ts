import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchGet } from '../../electron/engine/http/dispatch-response';
import { TurnBudget } from '../../electron/engine/http/turn-budget';
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

/** The value once it has stopped changing (the same over five polls 20 ms apart), or 30 s have gone by. */
async function untilSteady(read: () => number): Promise<number> {
  let last = read();
  for (let same = 0, polls = 0; same < 5 && polls < 1500; polls++) {
    await new Promise((r) => setTimeout(r, 20));
    const now = read();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

const get = (path: string, budget?: TurnBudget) => dispatchGet(agent, { url: new URL(server.url(path)), headers: {}, headersTimeout: 5000, bodyTimeout: 5000, budget });

describe('dispatchGet: chunks straight from the parser', () => {
  it('delivers every byte in order, holding the socket while the sink is busy', async () => {
    const body = makeContent(8 * MiB, 1);
    server.route('/a', { body });
    const res = await get('/a');
    expect(res.status).toBe(200);
    const chunks: Buffer[] = [];
    let sentWhileHeld: number | undefined;
    await res.body.consume((chunk) => {
      chunks.push(Buffer.from(chunk));
      // A slow consumer: hold the first chunk until the server can send no more. Were the socket
      // still read meanwhile, the server would get the whole body out.
      if (chunks.length > 1) return undefined;
      return untilSteady(() => server.requests('/a')[0]!.bytesSent).then((sent) => void (sentWhileHeld = sent));
    });
    expect(sentWhileHeld).toBeLessThan(8 * MiB);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(body));
  });

  // Regression: after a pause, undici's resume() hands over an empty chunk. A sink whose promise
  // settled at once paused again on it, and that cycle of microtasks never let the socket be read.
  it('a sink that returns a settled promise for every chunk gets every byte, and no empty chunk', async () => {
    const body = makeContent(2 * MiB, 6);
    server.route('/every', { body });
    const res = await get('/every');
    const chunks: Buffer[] = [];
    await res.body.consume((chunk) => {
      if (chunk.length === 0) throw new Error('an empty chunk');
      chunks.push(Buffer.from(chunk));
      return Promise.resolve();
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
    await expect(dispatchGet(agent, { url: new URL('http://127.0.0.1:1/x'), headers: {}, headersTimeout: 2000, bodyTimeout: 2000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('an aborted signal before the head rejects with an AbortError', async () => {
    server.route('/e', { body: makeContent(10, 5) });
    const ac = new AbortController();
    ac.abort();
    await expect(dispatchGet(agent, { url: new URL(server.url('/e')), headers: {}, signal: ac.signal, headersTimeout: 2000, bodyTimeout: 2000 })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('dispatchGet with a turn budget: many fast responses share each event-loop turn', () => {
  it('hands at most about the budget per turn across responses, and every byte in order', async () => {
    const KiB = 1024;
    const budget = new TurnBudget(128 * KiB);
    const bodies = [0, 1, 2, 3].map((i) => makeContent(4 * MiB, 10 + i));
    bodies.forEach((body, i) => server.route(`/turn${i}`, { body }));
    // A setImmediate chain ticks once per turn: count what the sinks took between two ticks.
    let sinceTick = 0;
    let mostBetweenTicks = 0;
    let ticking = true;
    const tick = (): void => {
      mostBetweenTicks = Math.max(mostBetweenTicks, sinceTick);
      sinceTick = 0;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    let largestChunk = 0;
    const received = await Promise.all(
      bodies.map(async (_, i) => {
        const res = await get(`/turn${i}`, budget);
        const chunks: Buffer[] = [];
        await res.body.consume((chunk) => {
          chunks.push(Buffer.from(chunk));
          sinceTick += chunk.length;
          largestChunk = Math.max(largestChunk, chunk.length);
        });
        return Buffer.concat(chunks);
      }),
    );
    ticking = false;
    received.forEach((got, i) => expect(sha256(got)).toBe(sha256(bodies[i]!)));
    // Between two ticks lie at most two budget resets' worth: each lets the budget plus the chunk
    // that crossed it through. Without the budget one turn took megabytes here.
    expect(mostBetweenTicks).toBeLessThanOrEqual(2 * (128 * KiB + largestChunk));
  });

  it('a response waiting for the next turn still ends, is cancelled, or reports its error', async () => {
    const tiny = new TurnBudget(1); // every chunk after the first in a turn waits for the next
    const body = makeContent(2 * MiB, 20);
    server.route('/tiny', { body });
    const chunks: Buffer[] = [];
    await (await get('/tiny', tiny)).body.consume((c) => void chunks.push(Buffer.from(c)));
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(body));

    server.route('/tiny-cancel', { body: makeContent(8 * MiB, 21) });
    const res = await get('/tiny-cancel', tiny);
    let got = 0;
    await res.body.consume((c) => {
      got += c.length;
      if (got > MiB) res.body.cancel();
    });
    expect(got).toBeLessThan(8 * MiB);

    server.route('/tiny-reset', { body: makeContent(MiB, 22), quirks: { resetAfter: 300_000 } });
    let before = 0;
    await expect((await get('/tiny-reset', tiny)).body.consume((c) => void (before += c.length))).rejects.toThrow();
    expect(before).toBe(300_000);
  });
});
