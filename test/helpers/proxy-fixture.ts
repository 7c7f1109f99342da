// What the proxy tests share: a plain and a TLS loopback server serving one body, and an engine
// made per test with the proxy settings under test (trusting the test CA); all closed after each test.
import { afterEach, beforeEach } from 'vitest';
import type { JobSnapshot } from '../../shared/models/job';
import type { Settings } from '../../shared/models/settings';
import { makeHarness, type Harness } from './engine-harness';
import { startQuirkyServer, type QuirkyServer } from './quirky-server';
import { TEST_CA, TEST_SERVER_TLS } from './tls-fixtures';

export interface ProxyFixture {
  /** Serves the body at /p.bin over http. */
  plain: QuirkyServer;
  /** Serves the body at /s.bin over https (test CA). */
  secure: QuirkyServer;
  h: Harness | null;
  /** A new engine with `settings` downloads `url`; resolves when it completed or failed. */
  fetchVia(settings: Partial<Settings>, url: string, connections?: number): Promise<JobSnapshot>;
}

/** `closeProxy` closes the test's proxy, if it started one. */
export function useProxyFixture(body: Buffer, closeProxy: () => Promise<void> | undefined): ProxyFixture {
  const t: ProxyFixture = {
    plain: null as unknown as QuirkyServer,
    secure: null as unknown as QuirkyServer,
    h: null,
    async fetchVia(settings, url, connections = 4) {
      t.h = await makeHarness({}, { tlsExtraCaCertificates: TEST_CA, ...settings });
      const { added } = t.h.engine.addJobs([{ url, connections }]);
      return t.h.waitFor(added[0]!.id, ['completed', 'failed']);
    },
  };
  beforeEach(async () => {
    t.plain = await startQuirkyServer();
    t.secure = await startQuirkyServer({ tls: TEST_SERVER_TLS });
    t.plain.route('/p.bin', { body });
    t.secure.route('/s.bin', { body });
  });
  afterEach(async () => {
    await t.h?.cleanup();
    t.h = null;
    await Promise.all([t.plain.close(), t.secure.close(), closeProxy()]);
  });
  return t;
}
