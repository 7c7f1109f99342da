// The loopback server: nginx in the foreground when installed (the realistic one), else the
// Node file server the engine tests use. Only 127.0.0.1, only free ports, always torn down.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startFileServer, startQuirkyServer, type QuirkyServer } from '../test/helpers/quirky-server';
import type { SourceFile } from './data';
import type { ServerKind } from './options';
import { commandExists } from './measure';

/** The per-connection cap of the capped case, bytes/s. */
export const CAP_RATE = 8 * 1024 * 1024;
/** The tail case: the second TCP connection of each run gets this, the others full speed. */
export const TAIL_SLOW_RATE = 256 * 1024;
export const TAIL_SLOW_CONNECTION = 2;

export interface BenchServer {
  kind: ServerKind;
  /** Full URL of a source file (`rel` as in SourceFile). */
  url(rel: string): string;
  close(): Promise<void>;
  /** Called before each client run (the tail server counts each run's connections afresh). */
  beforeRun?(): void;
  /** Synchronous last resort for process 'exit': never leave a server behind. */
  killNow(): void;
}

export async function pickServerKind(forced: ServerKind | null): Promise<ServerKind> {
  if (forced) return forced;
  return (await commandExists('nginx')) ? 'nginx' : 'node';
}

export async function startServer(kind: ServerKind, filesRoot: string, workDir: string, files: readonly SourceFile[]): Promise<BenchServer> {
  return kind === 'nginx' ? startNginx(filesRoot, workDir) : startNodeServers(filesRoot, files);
}

/** Capped files live under /capped/ on both servers; that location gets the per-connection cap. */
const isCapped = (rel: string): boolean => rel.startsWith('capped/');
/**
 * Empty files are served as 200 with Content-Length: 0 even to a range request, as servers that
 * ignore Range do (nginx and the test server would answer 416, "no bytes of 0"): issue 13's case.
 */
const isEmptyCase = (rel: string): boolean => rel.startsWith('empty/');

/**
 * The tail case's server, the Node one whatever --server says (nginx cannot slow one chosen
 * connection): each run's second TCP connection is served at TAIL_SLOW_RATE, the others at full
 * speed. One connection alone is never slowed, so curl and `haul -x 1` are the plain reference.
 */
export async function startTailServer(filesRoot: string, files: readonly SourceFile[]): Promise<BenchServer> {
  const server = await startQuirkyServer({ host: '127.0.0.1' });
  const route = (): void => {
    for (const f of files) {
      server.route(`/${f.rel}`, { file: join(filesRoot, f.rel), quirks: { slowConnection: { nth: TAIL_SLOW_CONNECTION, rate: TAIL_SLOW_RATE } } });
    }
  };
  route();
  return {
    kind: 'node',
    url: (rel) => server.url(`/${rel}`),
    close: () => server.close(),
    beforeRun: route, // a route set again counts connections from 1
    killNow: () => undefined, // in-process: it dies with us
  };
}

async function startNodeServers(filesRoot: string, files: readonly SourceFile[]): Promise<BenchServer> {
  const table = (pick: (f: SourceFile) => boolean): Record<string, { path: string }> =>
    Object.fromEntries(files.filter(pick).map((f) => [`/${f.rel}`, { path: join(filesRoot, f.rel) }]));
  // The helper's quirks apply to every response of a server, so the capped files and the empty
  // ones get a server of their own.
  const capped = await startFileServer({ files: table((f) => isCapped(f.rel)), throttle: CAP_RATE, host: '127.0.0.1' });
  const empty = await startFileServer({ files: table((f) => isEmptyCase(f.rel)), ranges: false, host: '127.0.0.1' });
  const plain = await startFileServer({ files: table((f) => !isCapped(f.rel) && !isEmptyCase(f.rel)), host: '127.0.0.1' });
  const serverOf = (rel: string): QuirkyServer => (isCapped(rel) ? capped : isEmptyCase(rel) ? empty : plain);
  return {
    kind: 'node',
    url: (rel) => serverOf(rel).url(`/${rel}`),
    close: async () => {
      await Promise.all([capped.close(), empty.close(), plain.close()]);
    },
    killNow: () => undefined, // in-process: it dies with us
  };
}

async function startNginx(filesRoot: string, workDir: string): Promise<BenchServer> {
  const dir = join(workDir, 'nginx');
  await mkdir(dir, { recursive: true });
  let lastError = '';
  // A port found free can be taken before nginx binds it; try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    await writeFile(join(dir, 'nginx.conf'), nginxConfig(dir, filesRoot, port));
    const child = spawn('nginx', ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {
      detached: true, // own process group: one kill reaches master and workers
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => void (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const up = await Promise.race([waitForPort(port, 5000), exited.then(() => false)]);
    // Someone else may own the port we reached; nginx then exits at once on the failed bind.
    await new Promise((r) => setTimeout(r, 150));
    if (up && child.exitCode === null && child.signalCode === null) return nginxHandle(child, exited, port);
    killGroup(child, 'SIGKILL');
    lastError = stderr.trim() || (await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')).trim();
  }
  throw new Error(`nginx did not start: ${lastError || 'no output'}`);
}

function nginxHandle(child: ChildProcess, exited: Promise<number | null>, port: number): BenchServer {
  let closing: Promise<void> | null = null;
  return {
    kind: 'nginx',
    url: (rel) => `http://127.0.0.1:${port}/${rel}`,
    close: () =>
      (closing ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        killGroup(child, 'SIGTERM'); // fast shutdown of master and workers
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
        killGroup(child, 'SIGKILL'); // any worker left behind by the master
      })()),
    killNow: () => killGroup(child, 'SIGKILL'),
  };
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function nginxConfig(dir: string, filesRoot: string, port: number): string {
  const q = (p: string): string => JSON.stringify(p); // nginx accepts double-quoted strings
  return `# Generated by bench/servers.ts for one benchmark run.
daemon off;
master_process on;
worker_processes 2;
pid ${q(join(dir, 'nginx.pid'))};
error_log ${q(join(dir, 'error.log'))} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  default_type application/octet-stream;
  client_body_temp_path ${q(join(dir, 'client_body'))};
  proxy_temp_path ${q(join(dir, 'proxy'))};
  fastcgi_temp_path ${q(join(dir, 'fastcgi'))};
  uwsgi_temp_path ${q(join(dir, 'uwsgi'))};
  scgi_temp_path ${q(join(dir, 'scgi'))};
  server {
    listen 127.0.0.1:${port};
    root ${q(filesRoot)};
    location /capped/ { limit_rate ${CAP_RATE / 1024 / 1024}m; }
    location /empty/ { max_ranges 0; }
  }
}
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
