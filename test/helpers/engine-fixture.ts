// The setup every engine test shares: a fresh misbehaving loopback server and a real engine on
// a real SQLite file for each test, both torn down after it. A test may replace `h` (e.g. with
// other settings); the current one is cleaned up.
import { afterEach, beforeEach } from 'vitest';
import type { EngineConfig } from '../../electron/engine/engine';
import { makeHarness, type Harness } from './engine-harness';
import { startQuirkyServer, type QuirkyServer } from './quirky-server';

export interface EngineFixture {
  server: QuirkyServer;
  h: Harness;
}

export function useEngineFixture(config: () => Partial<EngineConfig> = () => ({})): EngineFixture {
  const fixture = {} as EngineFixture;
  beforeEach(async () => {
    fixture.server = await startQuirkyServer();
    fixture.h = await makeHarness(config());
  });
  afterEach(async () => {
    await fixture.h.cleanup();
    await fixture.server.close();
  });
  return fixture;
}
