// Spawner on Electron's utilityProcess: workers are Chromium-managed Node processes that die
// with the app. The pool in the engine talks to it only through the Spawner interface.
import { utilityProcess, type UtilityProcess } from 'electron';
import type { ToWorker } from '../../shared/pool-protocol';
import { ExitLatch, lowerPriority, type SpawnOptions, type Spawner, type WorkerExit, type WorkerProcess } from '../engine/pool/spawner';

export class UtilitySpawner implements Spawner {
  /** `scriptPath` must be built JavaScript (utilityProcess has no TypeScript loader). */
  spawn(scriptPath: string, options: SpawnOptions = {}): WorkerProcess {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.env ?? process.env)) if (v !== undefined) env[k] = v;
    const child = utilityProcess.fork(scriptPath, [], { env, serviceName: options.name ?? 'Haul worker', stdio: 'inherit' });
    child.once('spawn', () => lowerPriority(child.pid));
    return new UtilityWorker(child);
  }
}

class UtilityWorker implements WorkerProcess {
  private readonly latch = new ExitLatch();

  constructor(private readonly child: UtilityProcess) {
    child.once('exit', (code: number) => this.latch.fire({ code, signal: null }));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(message: ToWorker): void {
    if (!this.latch.exited) this.child.postMessage(message);
  }

  onMessage(listener: (message: unknown) => void): void {
    this.child.on('message', (message: unknown) => listener(message));
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    this.latch.listen(listener);
  }

  kill(): void {
    if (this.latch.exited) return;
    // utilityProcess.kill() is SIGTERM, which a busy worker may not act on soon; the pool wants it gone now.
    const pid = this.child.pid;
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGKILL');
        return;
      } catch {
        // already gone or not ours to signal: fall back to Electron's own kill
      }
    }
    this.child.kill();
  }
}
