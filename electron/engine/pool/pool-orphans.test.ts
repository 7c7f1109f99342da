// No orphans: a parent that owns a pool is ended by SIGTERM, SIGINT or even SIGKILL, and none of
// its worker processes survive it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAlive, waitUntil } from './pool-test-kit';

const PARENT = fileURLToPath(new URL('./fixtures/pool-parent.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

async function killParent(signal: NodeJS.Signals, busy: boolean): Promise<{ pids: number[]; exit: { code: number | null; signal: string | null } }> {
  const parent = spawn(process.execPath, ['--import', TSX, PARENT, busy ? 'busy' : 'idle'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => parent.once('exit', (code, sig) => resolve({ code, signal: sig })));
  try {
    const pids = await new Promise<number[]>((resolve, reject) => {
      let out = '';
      parent.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(JSON.parse(out) as number[]);
      });
      void exited.then(() => reject(new Error('the parent exited before its workers started')));
      setTimeout(() => reject(new Error('the workers did not start in time')), 10_000).unref();
    });
    expect(pids.every(isAlive)).toBe(true);
    parent.kill(signal);
    return { pids, exit: await exited };
  } finally {
    parent.kill('SIGKILL');
  }
}

describe('process pool shutdown on signals', () => {
  it.concurrent.each(['SIGTERM', 'SIGINT'] as const)('kills even CPU-bound workers when the parent gets %s, which still ends the parent', async (signal) => {
    // Busy workers cannot notice their parent leaving; only the parent's kill ends them in time.
    const { pids, exit } = await killParent(signal, true);
    expect(exit.signal).toBe(signal);
    await waitUntil(() => !pids.some(isAlive), 'the workers to be gone', 2000);
  });

  it.concurrent('workers leave by themselves when the parent is SIGKILLed', async () => {
    const { pids, exit } = await killParent('SIGKILL', false);
    expect(exit.signal).toBe('SIGKILL');
    await waitUntil(() => !pids.some(isAlive), 'the orphaned workers to exit', 5000);
  });
});
