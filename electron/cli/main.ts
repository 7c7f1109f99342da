// Entry of the `haul` command (see haul.mjs). Exit codes: 0 all completed, 1 something failed
// or was rejected, 2 usage error, 130 interrupted.
import { HAUL_VERSION } from '../../shared/version';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CrashGuard } from '../engine/crash-guard';
import { logPath } from '../engine/paths';
import { ChildProcessSpawner } from '../engine/pool';
import { parseCommand, UsageError, type GetOptions } from './args';
import type { ServeOptions } from './serve-command';
import { batchedOutput } from './batched-output';
import { runGet } from './get-command';
import { runList } from './list-command';
import { runRemove } from './remove-command';
import { runServe } from './serve-command';
import { jsonReporter, plainReporter, ttyReporter } from './reporter';

/** The pool's worker script: beside the bundle when running from out/cli, else the TypeScript source. */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? join(dirname(here), '..', 'workers', 'post-worker.ts') : join(dirname(here), 'post-worker.mjs');
}

/** The built renderer: out/renderer, two folders up from both out/cli/haul.mjs and electron/cli/main.ts. */
function uiDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'renderer');
}

// Saves, logs and says what happened when an exception escapes everything else.
const guard = new CrashGuard({
  logFile: logPath(),
  say: (message) => void process.stderr.write(`haul: ${message}\n`),
  exit: (code) => process.exit(code),
}).install();

/** SIGTERM or Ctrl-C: stopped within this (systemd and docker wait 10 s before killing). */
const SERVE_STOP_LIMIT_MS = 9000;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`haul: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (command.kind === 'help') {
    process.stdout.write(command.text);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`haul ${HAUL_VERSION}\n`);
    return 0;
  }
  try {
    if (command.kind === 'list') {
      // `haul list | head`: a reader that stopped reading is not an error.
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0);
      });
      return runList(command.options, (s) => void process.stdout.write(s));
    }
    if (command.kind === 'remove') return await runRemove(command.options, (s) => void process.stdout.write(s), (s) => void process.stderr.write(s));
    if (command.kind === 'serve') return await serveCommand(command.options);
    return await getCommand(command.options);
  } catch (e) {
    process.stderr.write(`haul: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

/** `haul get` and `haul resume`, with the output form the options and the terminal ask for. */
async function getCommand(options: GetOptions): Promise<number> {
  const stdout = batchedOutput((s) => void process.stdout.write(s));
  const out = stdout.write;
  // What went to stdout before a message on stderr is written first: in a terminal or a log
  // with both, lines keep the order in which they happened.
  const err = (s: string): void => {
    stdout.flush();
    process.stderr.write(s);
  };
  const reporter = options.json
    ? jsonReporter(out)
    : options.quiet
      ? plainReporter(() => undefined, err)
      : process.stdout.isTTY
      ? ttyReporter(out, err, () => process.stdout.columns || Number(process.env.COLUMNS) || 80)
      : plainReporter(out, err);
  // On a crash, the lines already batched come out before the crash message.
  const unprotect = guard.protect(() => stdout.flush());
  try {
    return await runGet(options, {
      reporter,
      readStdin,
      pool: { spawner: new ChildProcessSpawner(), workerScript: workerScript() },
      protect: (save) => guard.protect(save),
      onInterrupt: (handler) => {
        // A closed pipe on stdout (`haul get … | head`) ends the run like Ctrl-C: state is saved.
        const onPipeError = (err: NodeJS.ErrnoException): void => {
          if (err.code === 'EPIPE') handler();
        };
        process.once('SIGINT', handler);
        process.once('SIGTERM', handler);
        process.stdout.on('error', onPipeError);
        return () => {
          process.off('SIGINT', handler);
          process.off('SIGTERM', handler);
          process.stdout.off('error', onPipeError);
        };
      },
    });
  } finally {
    unprotect();
    // The summary before the closing error that main() writes to stderr.
    stdout.flush();
  }
}

/** `haul serve`, until Ctrl-C or SIGTERM. */
async function serveCommand(options: ServeOptions): Promise<number> {
  let stop!: () => void;
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  // `on`, not `once`: a once-listener is gone before the pool's exit guard looks whether anyone
  // else handles the signal, and the guard would then end the process at once.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A stop that hangs (a stuck disk) still ends the process in time; what was recorded stays recorded.
  void stopRequested.then(() => setTimeout(() => {
    process.stderr.write('haul: stopping took too long; ending now (downloads continue from their last saved point).\n');
    process.exit(1);
  }, SERVE_STOP_LIMIT_MS).unref());
  try {
    return await runServe(options, {
      out: (s) => void process.stdout.write(s),
      uiDir: uiDir(),
      pool: { spawner: new ChildProcessSpawner(), workerScript: workerScript() },
      protect: (save) => guard.protect(save),
      stopRequested,
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

process.exitCode = await main(process.argv.slice(2));
