// jobs.probe: what the add dialog's preview asks before anything is added, against real loopback
// servers through the engine's own HTTP client. No job is created and nothing is written.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ClientHub } from '../../electron/engine/client/client-hub';
import type { Engine } from '../../electron/engine/engine';
import { createHandlers, invoke, LOCAL_CALLER } from '../../electron/engine/handlers';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent } from '../helpers/test-content';

const SIZE = 300_001;
const PROBE_TIMEOUT_MS = 3000;
const t = useEngineFixture(() => ({ probeTimeoutMs: PROBE_TIMEOUT_MS }));

const DESKTOP = { mode: 'desktop', capabilities: { openFiles: false, pickFolder: false, notifications: true } } as const;
const probe = (engine: Engine, input: unknown) => invoke(createHandlers(new ClientHub(engine), DESKTOP), 'jobs.probe', input, LOCAL_CALLER);
const methods = (path: string) => t.server.requests(path).map((r) => `${r.method} ${r.range ?? ''}`.trim());

async function nothingWritten(): Promise<void> {
  expect(t.h.engine.list()).toEqual([]);
  expect(existsSync(t.h.downloads) ? await readdir(t.h.downloads) : []).toEqual([]);
}

describe('jobs.probe', () => {
  it('names the file from Content-Disposition, with its size and ranges, from one HEAD', async () => {
    t.server.route('/get', { body: makeContent(SIZE), quirks: { contentDisposition: 'attachment; filename="report 2024.pdf"', contentType: 'application/pdf' } });
    const r = await probe(t.h.engine, { url: t.server.url('/get?id=7') });
    expect(r).toEqual({ ok: true, value: { finalUrl: t.server.url('/get?id=7'), name: 'report 2024.pdf', size: SIZE, resumable: true, contentType: 'application/pdf' } });
    expect(methods('/get')).toEqual(['HEAD']);
    await nothingWritten();
  });

  it('says a server that ignores ranges cannot resume: the first byte by GET gets the whole file (200), dropped after its headers', async () => {
    t.server.route('/whole.bin', { body: makeContent(SIZE), quirks: { ranges: false } });
    const r = await probe(t.h.engine, { url: t.server.url('/whole.bin') });
    expect(r).toMatchObject({ ok: true, value: { name: 'whole.bin', size: SIZE, resumable: false } });
    expect(methods('/whole.bin')).toEqual(['HEAD', 'GET bytes=0-0']);
    await nothingWritten();
  });

  it('follows redirects and names the file after where they lead', async () => {
    t.server.route('/files/ubuntu.iso', { body: makeContent(SIZE) });
    t.server.redirect('/latest', '/files/ubuntu.iso', 302);
    const r = await probe(t.h.engine, { url: t.server.url('/latest') });
    expect(r).toMatchObject({ ok: true, value: { finalUrl: t.server.url('/files/ubuntu.iso'), name: 'ubuntu.iso', size: SIZE, resumable: true } });
  });

  it('answers a missing file with its HTTP status in words', async () => {
    const r = await probe(t.h.engine, { url: t.server.url('/nothing-here.zip') });
    expect(r).toEqual({ ok: false, error: { code: 'HAUL_E_HTTP_STATUS', httpStatus: 404, message: `HTTP 404 Not Found for ${t.server.url('/nothing-here.zip')}` } });
    await nothingWritten();
  });

  it('falls back to a one-byte GET when the server refuses HEAD (405)', async () => {
    t.server.route('/signed.bin', { body: makeContent(SIZE), quirks: { headStatus: 405 } });
    const r = await probe(t.h.engine, { url: t.server.url('/signed.bin') });
    expect(r).toMatchObject({ ok: true, value: { name: 'signed.bin', size: SIZE, resumable: true } });
    expect(methods('/signed.bin')).toEqual(['HEAD', 'GET bytes=0-0']);
  });

  it('sends the credentials in the address and the given headers, and returns neither', async () => {
    const auth = `Basic ${Buffer.from('ann:s3cret-pw').toString('base64')}`;
    t.server.route('/private.bin', { body: makeContent(SIZE), quirks: { requireHeaders: { authorization: auth, cookie: 'session=abc123' } } });
    const url = t.server.url('/private.bin').replace('http://', 'http://ann:s3cret-pw@');
    const r = await probe(t.h.engine, { url, headers: { Cookie: 'session=abc123' } });
    expect(r).toMatchObject({ ok: true, value: { name: 'private.bin', size: SIZE, resumable: true } });
    expect(JSON.stringify(r)).not.toMatch(/s3cret|abc123/);
    expect(r).toMatchObject({ value: { finalUrl: t.server.url('/private.bin').replace('http://', 'http://ann:***@') } });
    // Refused without the cookie: the error names the address without its password.
    const refused = await probe(t.h.engine, { url });
    expect(refused).toMatchObject({ ok: false, error: { code: 'HAUL_E_HTTP_STATUS', message: expect.stringContaining('HTTP 401') } });
    expect(JSON.stringify(refused)).not.toContain('s3cret');
  });

  it('refuses what is not a web address before any request, and header values with line breaks', async () => {
    expect(await probe(t.h.engine, { url: 'ftp://example.com/a' })).toMatchObject({ ok: false, error: { code: 'HAUL_E_UNSUPPORTED_PROTOCOL' } });
    expect(await probe(t.h.engine, { url: t.server.url('/a'), headers: { 'x-a': 'b\r\nx-evil: 1' } })).toMatchObject({ ok: false, error: { code: 'HAUL_E_INVALID_INPUT' } });
    expect(t.server.log).toEqual([]);
  });

  it('gives up on a server that never answers, a few probes at a time', async () => {
    t.server.route('/silent.bin', { body: makeContent(SIZE), quirks: { silentFirst: 100 } });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => probe(t.h.engine, { url: t.server.url(`/silent.bin?n=${i}`) })));
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { code: 'HAUL_E_TIMEOUT', message: expect.stringContaining('did not answer within 3 s') } });
    // Four at once engine-wide; the other two waited for a place.
    expect(t.server.maxConcurrent('/silent.bin')).toBe(4);
    expect(t.server.requests('/silent.bin')).toHaveLength(6);
  });
});
