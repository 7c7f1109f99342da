// The web servers people really download from, started from the machine's own packages on a
// loopback port and serving a folder: they differ from the test server in keep-alive, Range and
// HTTP/1.0. CI installs them (.ci/run sets HAUL_TEST_REAL_SERVERS); elsewhere a missing one is
// reported as missing instead of failing a developer's run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';

export interface RealServer {
  name: string;
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

export interface RealServerKind {
  name: string;
  /** Whether its binary is on this machine. */
  available(): boolean;
  start(dir: string): Promise<RealServer>;
}

/** In CI every real server must be there: a missing one fails instead of being left out. */
export function mustHave(kind: RealServerKind): boolean {
  if (kind.available()) return true;
  if (process.env.HAUL_TEST_REAL_SERVERS) throw new Error(`${kind.name} is not installed, and HAUL_TEST_REAL_SERVERS asks for it`);
  return false;
}

function onPath(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/** BusyBox httpd: the web server of routers and NAS boxes; `Connection: close` after every response. */
export const busybox: RealServerKind = {
  name: 'BusyBox httpd',
  available: () => (spawnSync('busybox', ['--list'], { encoding: 'utf8' }).stdout ?? '').split('\n').includes('httpd'),
  async start(dir) {
    const port = await freePort();
    const child = spawn('busybox', ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', dir], { stdio: 'ignore' });
    return started('BusyBox httpd', child, port);
  },
};

/** Python's http.server: HTTP/1.0, no Range, closes after each response. */
export const pythonHttp: RealServerKind = {
  name: "Python's http.server",
  available: () => onPath('python3', ['--version']),
  async start(dir) {
    const port = await freePort();
    const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
    return started("Python's http.server", child, port);
  },
};

async function started(name: string, child: ChildProcess, port: number): Promise<RealServer> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, child, name);
  const origin = `http://127.0.0.1:${port}`;
  return {
    name,
    origin,
    url: (path) => `${origin}${path}`,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Until the server accepts connections; bounded, and fails at once if it exited. */
async function waitForPort(port: number, child: ChildProcess, name: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before listening on ${port}`);
    const up = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not listen on ${port} within 5 s`);
}
