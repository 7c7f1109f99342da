// Trusting the authorities the operating system trusts (a company's TLS-inspecting proxy, an
// in-house CA): read from Node's store when it has one, else from the Linux bundle files, and
// used for real TLS connections next to Node's roots and the user's own.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSystemCa } from '../../electron/engine/http/system-ca';
import { tlsConnectOptions } from '../../electron/engine/http/tls-trust';
import { startQuirkyServer, type QuirkyServer } from '../helpers/quirky-server';
import { TEST_CA, TEST_SERVER_TLS } from '../helpers/tls-fixtures';

let server: QuirkyServer;
let dir = '';
beforeAll(async () => {
  server = await startQuirkyServer({ tls: TEST_SERVER_TLS });
  server.route('/x', { body: Buffer.from('trusted') });
  dir = await mkdtemp(join(tmpdir(), 'haul-system-ca-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function fetchWith(options: ReturnType<typeof tlsConnectOptions>): Promise<string> {
  const agent = new Agent({ connect: options });
  try {
    const res = await request(server.url('/x'), { dispatcher: agent });
    return await res.body.text();
  } finally {
    await agent.close();
  }
}

describe('system certificate authorities', () => {
  it('are read from Node’s store when it has one, else from the first bundle file there is', async () => {
    const bundle = join(dir, 'ca-certificates.crt');
    await writeFile(bundle, `# a comment\n${TEST_CA}\n${TEST_CA}`);
    expect(readSystemCa([join(dir, 'missing.crt'), bundle], undefined)).toEqual([TEST_CA.trim(), TEST_CA.trim()]);
    expect(readSystemCa([bundle], () => ['from-node'])).toEqual(['from-node']);
    // A store that fails falls back to the files; no store and no files trusts nothing more.
    expect(readSystemCa([bundle], () => { throw new Error('unsupported'); })).toHaveLength(2);
    expect(readSystemCa([join(dir, 'missing.crt')], undefined)).toEqual([]);
  });

  it('make a server signed by them trusted, next to Node’s roots; turned off, it is refused', async () => {
    const system = (): string[] => [TEST_CA];
    expect(await fetchWith(tlsConnectOptions({ extraCa: '', verify: true }, system))).toBe('trusted');
    await expect(fetchWith(tlsConnectOptions({ extraCa: '', verify: true, system: false }, system))).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    await expect(fetchWith(tlsConnectOptions({ extraCa: '', verify: true }, () => []))).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });
});
