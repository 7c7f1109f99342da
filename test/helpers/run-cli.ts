// Runs the real `haul` command in a child process, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const HAUL_BIN = fileURLToPath(new URL('../../electron/cli/haul.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines (only meaningful with --json). */
  lines: Record<string, unknown>[];
}

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  done: Promise<CliResult>;
  /** Resolves with the first JSON line matching `pred`. */
  waitForLine(pred: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export interface CliOptions {
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export function startCli(args: string[], opts: CliOptions = {}): CliRun {
  const child = spawn(process.execPath, [HAUL_BIN, ...args], {
    // HAUL_HOME comes from test/helpers/global-setup.ts: never the real user's data folder.
    env: { ...withoutProxies(process.env), ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.end(opts.stdin ?? '');
  return follow(child, opts);
}

/** Output of a started process: its JSON lines as they come, and its end (killed after `timeoutMs`). */
function follow(child: ChildProcess, opts: CliOptions): CliRun {
  let stdout = '';
  let stderr = '';
  const lines: Record<string, unknown>[] = [];
  const watchers: { pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    partial += d;
    let nl;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const text = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        for (const w of [...watchers]) {
          if (w.pred(line)) {
            watchers.splice(watchers.indexOf(w), 1);
            w.resolve(line);
          }
        }
      } catch {
        // not JSON (human output)
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, lines });
    });
  });
  return {
    child,
    done,
    waitForLine(pred, timeoutMs = 30_000) {
      const found = lines.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching line within ${timeoutMs} ms; stdout so far:\n${stdout}\nstderr:\n${stderr}`)), timeoutMs);
        watchers.push({ pred, resolve: (l) => (clearTimeout(t), resolve(l)) });
      });
    },
  };
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return startCli(args, opts).done;
}

export interface UnreapedCliRun {
  /** The parent's output (the haul process writes to it) and end (it forwards how haul ended). */
  run: CliRun;
  /** The haul process's own id. */
  pid: Promise<number>;
  /** Lets the parent's event loop turn again: it reaps haul (once haul has ended) and exits as haul did. */
  reap(): void;
}

// The parent: starts haul, says its pid on fd 3, then blocks its event loop (which is where Node
// reaps exited children) in a read of stdin until the test writes to it.
const BUSY_PARENT = `
const { spawn } = require('node:child_process');
const { closeSync, readSync, writeSync } = require('node:fs');
const child = spawn(process.argv[1], process.argv.slice(2), { stdio: ['ignore', 'inherit', 'inherit'] });
writeSync(3, child.pid + '\\n');
closeSync(3);
readSync(0, Buffer.alloc(1));
child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code)));
`;

/**
 * Runs haul as the child of a parent busy elsewhere, like a supervisor that reaps its children
 * late: killed, haul stays a zombie (its pid still taken, kill(pid, 0) still answered) until reap().
 */
export function startCliUnreaped(args: string[], opts: Omit<CliOptions, 'stdin'> = {}): UnreapedCliRun {
  const parent = spawn(process.execPath, ['-e', BUSY_PARENT, process.execPath, HAUL_BIN, ...args], {
    env: { ...withoutProxies(process.env), ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  const pidPipe = parent.stdio[3] as Readable;
  const pid = new Promise<number>((resolve, reject) => {
    let text = '';
    pidPipe.setEncoding('utf8').on('data', (d: string) => (text += d));
    pidPipe.on('end', () => (/^\d+\n$/.test(text) ? resolve(Number(text)) : reject(new Error(`the parent did not start haul: ${text}`))));
  });
  return { run: follow(parent, opts), pid, reap: () => parent.stdin!.end('go') };
}

/**
 * Runs haul on a pseudo-terminal `columns` wide (util-linux's script(1)), as in a user's terminal:
 * its stdout is a TTY, so it draws live progress bars. `stdout` is what the terminal received
 * (lines end in CR LF there); `lines` stays empty.
 */
export function runCliInTerminal(args: string[], opts: Omit<CliOptions, 'stdin'> & { columns: number }): Promise<CliResult> {
  const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;
  const command = `stty cols ${opts.columns} rows 50 && exec ${[process.execPath, HAUL_BIN, ...args].map(quote).join(' ')}`;
  // The width must come from the terminal, not from $COLUMNS.
  const { COLUMNS: _columns, ...env } = { ...withoutProxies(process.env), ...opts.env };
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return follow(child, opts).done;
}

/** Linux's view of a process: 'Z' for a zombie (ended, not yet reaped), undefined once it is gone. */
export function processState(pid: number): string | undefined {
  try {
    // The state follows the command name, which is in parentheses and may hold any character.
    return /^.*\) (\S)/s.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** Tests talk to loopback servers only: a proxy from the machine's environment must not take part. */
function withoutProxies(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(https?|all|no)_proxy$/i.test(k)));
}
