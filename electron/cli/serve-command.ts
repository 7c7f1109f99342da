// `haul serve`: the engine headless (downloads continue as in the desktop app), the web UI and its
// WebSocket API, until Ctrl-C or SIGTERM; then the server closes and the engine saves and stops.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ClientHub } from '../engine/client/client-hub';
import { Engine } from '../engine/engine';
import { databasePath, defaultDownloadDir, logPath, openDataHome } from '../engine/paths';
import type { Spawner } from '../engine/pool';
import { openSqliteJobStore } from '../engine/store';
import { isLoopback } from '../server/access';
import { accessToken, TOKEN_PATTERN } from '../server/access-token';
import { startWebServer } from '../server/web-server';
import { parseCommandLine, UsageError } from './usage-error';

export interface ServeOptions {
  port: number;
  host: string;
  token: string | null;
}

export const DEFAULT_SERVE_PORT = 6801;

export const SERVE_USAGE = `Usage: haul serve [--port <n>] [--host <address>] [--token <token>]

  Runs Haul without a window and serves its interface to a browser: open the address it prints
  (it carries the access token). Downloads run as in the desktop app; Ctrl-C stops.

      --port <n>            port to listen on (default ${DEFAULT_SERVE_PORT}; 0: any free port)
      --host <address>      address to listen on (default 127.0.0.1: this computer only); another
                            address, such as 0.0.0.0 for every network, lets other computers in
                            with the token
      --token <token>       access token, 16 to 256 letters, digits, - or _ (default: made on the
                            first start and kept in the data folder's serve-token file)
  -h, --help                show this help
`;

export function parseServe(args: string[]): { kind: 'serve'; options: ServeOptions } | { kind: 'help'; text: string } {
  const { values, positionals } = parseCommandLine({
    args,
    allowPositionals: true,
    strict: true,
    options: { port: { type: 'string' }, host: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { kind: 'help', text: SERVE_USAGE };
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments (got "${positionals[0]}")`);
  const port = values.port === undefined ? DEFAULT_SERVE_PORT : Number(values.port);
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || port > 65535)) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${values.port}")`);
  }
  const host = values.host ?? '127.0.0.1';
  if (host === '' || /[\s/]/.test(host)) throw new UsageError(`--host must be an address or a name (got "${host}")`);
  if (values.token !== undefined && !TOKEN_PATTERN.test(values.token)) {
    throw new UsageError('--token must be 16 to 256 letters, digits, - or _');
  }
  return { kind: 'serve', options: { port, host, token: values.token ?? null } };
}

export interface ServeIo {
  out(s: string): void;
  /** The built renderer. */
  uiDir: string;
  pool: { spawner: Spawner; workerScript: string };
  /** Registers a synchronous save for the crash guard; returns a function that unregisters it. */
  protect(save: () => void): () => void;
  /** Resolves on Ctrl-C or SIGTERM. */
  stopRequested: Promise<void>;
}

export async function runServe(opts: ServeOptions, io: ServeIo): Promise<number> {
  if (!existsSync(join(io.uiDir, 'index.html'))) {
    throw new Error(`the web interface is not built (${io.uiDir} has no index.html); build it with: npm run build:ui`);
  }
  const home = openDataHome();
  const token = accessToken(home, opts.token ?? undefined);
  const store = openSqliteJobStore(databasePath(), { exclusive: true });
  const engine = new Engine({ store, defaultDownloadDir: defaultDownloadDir(), pool: io.pool, logFile: logPath() });
  const unprotect = io.protect(() => engine.saveNow());
  try {
    const server = await startWebServer({ hub: new ClientHub(engine), host: opts.host, port: opts.port, token, uiDir: io.uiDir });
    io.out(`Haul is serving at ${server.url}\n`);
    if (!isLoopback(opts.host)) io.out(`Other computers can reach it (--host ${opts.host}): share the address only with people you trust.\n`);
    io.out('Press Ctrl-C to stop.\n');
    await io.stopRequested;
    io.out('Stopping…\n');
    await server.close();
  } finally {
    // Downloads stop where they are and continue at the next start.
    await engine.close();
    unprotect();
  }
  io.out('Stopped; downloads continue at the next start.\n');
  return 0;
}
