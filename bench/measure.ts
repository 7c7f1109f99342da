// Runs one client process and measures it: wall time from spawn to exit, peak RSS, a hard
// timeout. Each run gets its own process group so a timeout or Ctrl-C reaches its children too.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';

export interface RunSpec {
  cmd: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** stdout and stderr of the run go here. */
  logPath: string;
  /** Each stdout line with ms since spawn (for clients that report progress as JSON lines). */
  onLine?: (line: string, atMs: number) => void;
}

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  seconds: number;
  /** Peak resident set of the client process (largest process of its tree under /usr/bin/time). */
  peakRssKiB: number | null;
  /** Last bytes of stderr, for the failure note. */
  stderrTail: string;
}

const active = new Set<ChildProcess>();

/** For Ctrl-C and exit: kill every client still running, synchronously. */
export function killActiveRuns(): void {
  for (const child of active) {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  active.clear();
}

let timeBinary: Promise<boolean> | null = null;

export async function commandExists(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

export async function runMeasured(spec: RunSpec): Promise<RunResult> {
  const useTime = await (timeBinary ??= commandExists('/usr/bin/time'));
  const rssFile = `${spec.logPath}.rss`;
  const [cmd, args] = useTime ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, spec.cmd, ...spec.args]] : [spec.cmd, spec.args];
  const log = createWriteStream(spec.logPath);
  let stderrTail = '';
  let timedOut = false;
  const polled = { rss: null as number | null };

  const started = performance.now();
  const child = spawn(cmd, args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  active.add(child);
  let partial = '';
  child.stdout?.on('data', (d: Buffer) => {
    log.write(d);
    if (!spec.onLine) return;
    const at = performance.now() - started;
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) spec.onLine(line, at);
  });
  child.stderr?.on('data', (d: Buffer) => {
    log.write(d);
    stderrTail = (stderrTail + d.toString()).slice(-2000);
  });
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }, spec.timeoutMs);
  // Without /usr/bin/time, VmHWM (the kernel's own high-water mark) is polled while it runs.
  const poller = useTime ? null : setInterval(() => void readHwm(child.pid).then((v) => (polled.rss = v ?? polled.rss)), 50);

  const { exitCode, signal, seconds } = await new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; seconds: number }>(
    (resolve) => {
      child.once('error', (err) => {
        stderrTail += String(err);
        resolve({ exitCode: null, signal: null, seconds: (performance.now() - started) / 1000 });
      });
      child.once('exit', (code, sig) => resolve({ exitCode: code, signal: sig, seconds: (performance.now() - started) / 1000 }));
    },
  );
  clearTimeout(timer);
  if (poller) clearInterval(poller);
  active.delete(child);
  // 'exit' can come before the pipes drain; the log must be complete before anyone reads it.
  await Promise.all([streamEnd(child.stdout), streamEnd(child.stderr)]);
  if (partial && spec.onLine) spec.onLine(partial, seconds * 1000);
  await new Promise<void>((resolve) => log.end(resolve));

  let peakRssKiB = polled.rss;
  if (useTime) {
    const text = await readFile(rssFile, 'utf8').catch(() => '');
    // GNU time prefixes "Command exited with non-zero status N" on failure; the number is last.
    const last = text.trim().split('\n').pop() ?? '';
    peakRssKiB = /^\d+$/.test(last) ? Number(last) : null;
    await rm(rssFile, { force: true });
  }
  return { exitCode, signal, timedOut, seconds, peakRssKiB, stderrTail: stderrTail.trim() };
}

function streamEnd(stream: NodeJS.ReadableStream | null): Promise<void> {
  if (!stream) return Promise.resolve();
  return new Promise((resolve) => {
    if ((stream as NodeJS.ReadableStream & { readableEnded?: boolean }).readableEnded) return resolve();
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
  });
}

async function readHwm(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) : null;
}

/** Flushes other runs' dirty pages so their writeback does not land inside the next measurement. */
export async function syncDisks(): Promise<void> {
  await new Promise<void>((resolve) => {
    const child = spawn('sync', [], { stdio: 'ignore' });
    child.once('error', () => resolve());
    child.once('exit', () => resolve());
  });
}
