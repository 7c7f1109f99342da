// What every CLI test file sets up: a loopback server and a temp folder for databases and
// downloads, both gone after the file's tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startQuirkyServer, type QuirkyServer, type ServerOptions } from './quirky-server';

export interface CliFixture {
  server: QuirkyServer;
  root: string;
  /** `get --json` with a database and a download folder of this name under `root`. */
  getArgs(name: string): string[];
}

export function useCliFixture(prefix: string, options: ServerOptions = {}): CliFixture {
  const t = {
    getArgs: (name: string) => ['get', '--json', '--db', join(t.root, `${name}.db`), '-d', join(t.root, name)],
  } as CliFixture;
  beforeAll(async () => {
    t.server = await startQuirkyServer(options);
    t.root = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await t.server.close();
    await rm(t.root, { recursive: true, force: true });
  });
  return t;
}
