// `haul serve`'s server on a real engine, for each test: a loopback file server, an engine on a
// real SQLite file, and the web server on a free loopback port serving the built UI (the test
// setup builds it, as `npm install` does).
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { ClientHub } from '../../electron/engine/client/client-hub';
import type { OutboxLimits } from '../../electron/server/client-outbox';
import { startWebServer, type WebServer } from '../../electron/server/web-server';
import type { EngineConfig } from '../../electron/engine/engine';
import { makeHarness, type Harness } from './engine-harness';
import { startQuirkyServer, type QuirkyServer } from './quirky-server';
import type { WebTarget } from './web-client';

export const BUILT_UI = fileURLToPath(new URL('../../out/renderer', import.meta.url));
export const TEST_TOKEN = 'test-token-0123456789abcdef';

export interface WebFixture {
  files: QuirkyServer;
  h: Harness;
  hub: ClientHub;
  web: WebServer;
  target: WebTarget;
}

/** `engine`: what the engine gets besides the defaults (the process pool, for hashing and extracting). */
export function useWebFixture(limits: Partial<OutboxLimits> = {}, engine: () => Partial<EngineConfig> = () => ({})): WebFixture {
  const f = {} as WebFixture;
  beforeEach(async () => {
    f.files = await startQuirkyServer();
    f.h = await makeHarness(engine());
    f.hub = new ClientHub(f.h.engine);
    f.web = await startWebServer({ hub: f.hub, host: '127.0.0.1', port: 0, token: TEST_TOKEN, uiDir: BUILT_UI, limits });
    f.target = { origin: f.web.origin, port: f.web.port, token: TEST_TOKEN };
  });
  afterEach(async () => {
    await f.web.close();
    await f.h.cleanup();
    await f.files.close();
  });
  return f;
}
