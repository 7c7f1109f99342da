// Spawner on child_process.fork, for the CLI, the web mode and the tests. TypeScript worker
// scripts run through tsx, resolved from here so the user's working directory does not matter.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ToWorker } from '../../../shared/pool-protocol';
import { ExitLatch, lowerPriority, type SpawnOptions, type Spawner, type WorkerExit, type WorkerProcess } from './spawner';

let tsxUrl: string | undefined;

function tsxLoader(): string {
  tsxUrl ??= pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return tsxUrl;
}

export class ChildProcessSpawner implements Spawner {
  spawn(scriptPath: string, options: SpawnOptions = {}): WorkerProcess {
    // Not inheriting the parent's execArgv: a parent under --inspect would make every worker fight for the port.
    const execArgv = /\.[cm]?ts$/.test(scriptPath) ? ['--import', tsxLoader()] : [];
    const child = fork(scriptPath, options.name ? [options.name] : [], {
      execArgv,
      env: options.env ?? process.env,
      // A worker's stray stdout goes to our stderr: stdout may be the CLI's --json stream.
      stdio: ['ignore', 2, 'inherit', 'ipc'],
      serialization: 'json',
    });
    lowerPriority(child.pid);
    return new ForkedWorker(child);
  }
}

class ForkedWorker implements WorkerProcess {
  private readonly latch = new ExitLatch();

  constructor(private readonly child: ChildProcess) {
    child.once('exit', (code, signal) => this.latch.fire({ code, signal }));
    // 'error' covers a failed spawn (no 'exit' follows then) and sends on a closing channel.
    child.on('error', () => {
      if (child.pid === undefined) this.latch.fire({ code: null, signal: null });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(message: ToWorker): void {
    if (!this.child.connected) return;
    // A callback keeps a send on a closing channel from becoming an 'error' event: the worker is
    // dying, and its 'exit' will say how.
    this.child.send(message, () => undefined);
  }

  onMessage(listener: (message: unknown) => void): void {
    this.child.on('message', listener);
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.latch.listen(listener);
  }

  kill(): void {
    if (!this.latch.exited) this.child.kill('SIGKILL');
  }
}
