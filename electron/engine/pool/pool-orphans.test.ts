// No orphans: a parent that owns a pool is ended by SIGTERM, SIGINT or even SIGKILL, and none of
// its worker processes survive it.
import { execFileSync, spawn } from 'node:child_process';
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
      // Three tsx processes per test, three tests at once: slow to start on a loaded machine.
      setTimeout(() => reject(new Error('the workers did not start within 45 s')), 45_000).unref();
    });
    expect(pids.every(isAlive)).toBe(true);
    parent.kill(signal);
    return { pids, exit: await exited };
  } finally {
    // Had it failed before its signal, workers busy for ten minutes would outlive it.
    if (parent.exitCode === null && parent.signalCode === null) for (const pid of childrenOf(parent.pid!)) process.kill(pid, 'SIGKILL');
    parent.kill('SIGKILL');
  }
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/**
 * Waits until none of `pids` is alive. Their tasks last ten minutes, so whatever ends them is what
 * the test is about, however long a busy machine takes; a survivor is killed before the test fails.
 */
async function expectGone(pids: number[], what: string): Promise<void> {
  try {
    await waitUntil(() => !pids.some(isAlive), what, 30_000);
  } finally {
    for (const pid of pids.filter(isAlive)) process.kill(pid, 'SIGKILL');
  }
}

describe('process pool shutdown on signals', () => {
  it.concurrent.each(['SIGTERM', 'SIGINT'] as const)('kills even CPU-bound workers when the parent gets %s, which still ends the parent', async (signal) => {
    // Busy workers cannot notice their parent leaving; only the parent's kill ends them.
    const { pids, exit } = await killParent(signal, true);
    expect(exit.signal).toBe(signal);
    await expectGone(pids, 'the workers to be gone');
  });

  it.concurrent('workers leave by themselves when the parent is SIGKILLed', async () => {
    const { pids, exit } = await killParent('SIGKILL', false);
    expect(exit.signal).toBe('SIGKILL');
    await expectGone(pids, 'the orphaned workers to exit');
  });
});
