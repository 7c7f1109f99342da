// Who gets in to `haul serve`, what every answer carries, and what a bad frame gets: checked with
// real HTTP requests and real WebSockets against the real server on a real engine.
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../shared/api/ws-protocol';
import { connectWebClient, httpGet, openSocket, tokenCookieHeader } from '../helpers/web-client';
import { useWebFixture } from '../helpers/web-fixture';
import { waitUntil } from '../helpers/wait-until';

const f = useWebFixture();

describe('haul serve: who gets in', () => {
  it('trades the printed URL for an HttpOnly SameSite=Strict cookie and a redirect to the address without the token', async () => {
    expect(f.web.url).toBe(`${f.target.origin}/?token=${f.target.token}`);
    const opened = await httpGet(f.target, `/?token=${f.target.token}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/');
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toContain(tokenCookieHeader(f.target));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const page = await httpGet(f.target, '/', { cookie: tokenCookieHeader(f.target) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root"');
    // The page's script, with the same cookie.
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)![1]!;
    expect((await httpGet(f.target, `/${script}`, { cookie: tokenCookieHeader(f.target) })).status).toBe(200);
    // A Bearer header does as well as the cookie (scripts, curl).
    expect((await httpGet(f.target, '/', { authorization: `Bearer ${f.target.token}` })).status).toBe(200);
  });

  it('refuses the page, its files and the WebSocket without the token, or with a wrong one, and says how to get in', async () => {
    const page = await httpGet(f.target, '/');
    expect(page.status).toBe(401);
    expect(page.body).toContain('haul serve');
    expect(page.body).toContain('open the address it prints');
    expect((await httpGet(f.target, '/?token=wrong-token-0123456789abcdef')).status).toBe(401);
    expect((await httpGet(f.target, '/', { cookie: tokenCookieHeader(f.target, 'wrong-token-0123456789abcdef') })).status).toBe(401);
    expect((await httpGet(f.target, '/assets/anything.js')).status).toBe(401);
    // The token in a query is only taken by the page itself.
    expect((await httpGet(f.target, `/assets/anything.js?token=${f.target.token}`)).status).toBe(401);
    await expect(openSocket(f.target, { cookie: '' })).rejects.toThrow('refused: 401');
    await expect(openSocket(f.target, { cookie: tokenCookieHeader(f.target, 'wrong-token-0123456789abcdef') })).rejects.toThrow('refused: 401');
  });

  it('refuses another Origin (a page of another site), on HTTP and on the WebSocket, token or not', async () => {
    const cookie = tokenCookieHeader(f.target);
    expect((await httpGet(f.target, '/', { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await httpGet(f.target, '/', { cookie, origin: `http://127.0.0.1:${f.target.port + 1}` })).status).toBe(403);
    await expect(openSocket(f.target, {}, 'http://evil.example')).rejects.toThrow('refused: 403');
    // A WebSocket without any Origin is not a page of this UI either.
    await expect(openSocket(f.target, {}, null)).rejects.toThrow('refused: 403');
    // The UI's own origin, by any of loopback's names, is let in.
    expect((await httpGet(f.target, '/', { cookie, host: `localhost:${f.target.port}`, origin: `http://localhost:${f.target.port}` })).status).toBe(200);
  });

  it('refuses a foreign Host header (a DNS name rebound to 127.0.0.1), on HTTP and on the WebSocket', async () => {
    const cookie = tokenCookieHeader(f.target);
    const foreign = `rebound.example:${f.target.port}`;
    const page = await httpGet(f.target, '/', { cookie, host: foreign });
    expect(page.status).toBe(403);
    expect(page.body).toContain('haul serve');
    expect((await httpGet(f.target, `/?token=${f.target.token}`, { host: foreign })).status).toBe(403);
    expect((await httpGet(f.target, '/', { cookie, host: '127.0.0.1:1' })).status).toBe(403);
    await expect(openSocket(f.target, { host: foreign }, `http://${foreign}`)).rejects.toThrow('refused: 403');
  });

  it('sends a strict Content-Security-Policy and the other protective headers, on the page and on refusals', async () => {
    for (const answer of [await httpGet(f.target, '/', { cookie: tokenCookieHeader(f.target) }), await httpGet(f.target, '/')]) {
      const csp = String(answer.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
    }
  });
});

describe('haul serve: frames it cannot use', () => {
  it('answers malformed JSON, a frame of the wrong shape, an unknown channel and bad input with an error, and goes on serving', async () => {
    const c = await connectWebClient(f.target);
    c.send('{not json');
    c.send(JSON.stringify({ channel: 'app.info', input: {} }));
    c.send(Buffer.from([1, 2, 3]));
    await waitUntil(() => c.frames.filter((fr) => fr.error).length === 3, 'three errors');
    // Events (the once-a-second stats) may come in between; the answers are the three errors.
    expect(c.frames.filter((fr) => !fr.event).map((fr) => fr.error?.code)).toEqual(['HAUL_E_INVALID_INPUT', 'HAUL_E_INVALID_INPUT', 'HAUL_E_INVALID_INPUT']);
    const unknown = await c.result('jobs.explode', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'HAUL_E_INVALID_INPUT' } });
    expect(unknown.error!.message).toContain('Unknown command');
    expect(await c.result('jobs.pause', { ids: 'all' })).toMatchObject({ ok: false, error: { code: 'HAUL_E_INVALID_INPUT' } });
    expect(c.closed).toBeNull();
    expect(await c.call('app.info', {})).toMatchObject({ mode: 'web', capabilities: { openFiles: false, pickFolder: false } });
    await c.close();
  });

  it('closes a socket that sends a frame over the size limit, and keeps serving the others', async () => {
    const other = await connectWebClient(f.target);
    const big = await connectWebClient(f.target);
    big.send(JSON.stringify({ id: 1, channel: 'jobs.add', input: { items: [{ url: 'x'.repeat(MAX_FRAME_BYTES) }] } }));
    await waitUntil(() => big.closed !== null, 'the oversized frame to close its socket');
    expect(big.closed).toBe(1009);
    expect(await other.call('settings.get', {})).toHaveProperty('maxJobs');
    await other.close();
  });

  it('takes a 10,000-line URL list in one frame', async () => {
    const c = await connectWebClient(f.target);
    const items = Array.from({ length: 10_000 }, (_, i) => ({ url: f.files.url(`/list/file-${i}.bin?from=a-long-query-string-${'q'.repeat(200)}`), paused: true }));
    expect(JSON.stringify(items).length).toBeGreaterThan(2 * 1024 * 1024);
    const added = await c.call<{ ids: string[] }>('jobs.add', { items });
    expect(added.ids).toHaveLength(10_000);
    await c.close();
  });
});
