// The pool against real worker processes: parallelism, FIFO order, crashes, cancellation,
// resizing and shutdown. Overlap is read from the timestamps workers report, never from speed.
import { availableParallelism, getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { SleepProgress, SleepResult } from '../../../shared/pool-protocol';
import { haulError, isAlive, testPool, waitUntil } from './pool-test-kit';
import type { ProcessPool } from './process-pool';
import { WORKER_NICENESS } from './spawner';

const pools: ProcessPool[] = [];

function pool(...args: Parameters<typeof testPool>): ProcessPool {
  const p = testPool(...args);
  pools.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const overlap = (a: SleepResult, b: SleepResult): boolean => a.startedAt < b.endedAt && b.startedAt < a.endedAt;

/** A long sleep task whose start we can await and which we can cancel. */
function longSleep(p: ProcessPool, opts: { ignoreCancel?: boolean; settleWhenStopped?: boolean } = {}) {
  const abort = new AbortController();
  const starts: SleepProgress[] = [];
  const { settleWhenStopped, ...payload } = opts;
  const result = p.run('sleep', { ms: 30_000, ...payload }, { signal: abort.signal, onProgress: (s) => starts.push(s), settleWhenStopped });
  result.catch(() => undefined); // observed by each test through haulError()
  return { abort, starts, result, started: () => waitUntil(() => starts.length > 0, 'the task to start') };
}

describe('ProcessPool', () => {
  it('defaults to one worker per core but one, and at least one', () => {
    const p = pool({ size: undefined });
    // The cores this process may run on (CPU affinity counts), as the OS tells it, less the engine's.
    expect(p.size).toBe(Math.max(1, availableParallelism() - 1));
    expect(p.workerCount).toBe(0); // workers start on demand
  });

  it('runs two tasks at the same time in two processes with size 2', async () => {
    const p = pool({ size: 2 });
    const [a, b] = await Promise.all([p.run('sleep', { ms: 400 }), p.run('sleep', { ms: 400 })]);
    expect(a.pid).not.toBe(b.pid);
    expect(overlap(a, b)).toBe(true);
  });

  it('runs its workers at a lower CPU priority than the engine', async () => {
    const p = pool({ size: 1 });
    const { pid } = await p.run('sleep', { ms: 10 });
    expect(getPriority(pid)).toBe(WORKER_NICENESS);
    expect(getPriority()).toBeLessThan(WORKER_NICENESS);
  });

  it('runs queued tasks one after another, first in first out, with size 1', async () => {
    const p = pool({ size: 1 });
    const results = await Promise.all([0, 1, 2].map(() => p.run('sleep', { ms: 50 })));
    expect(new Set(results.map((r) => r.pid)).size).toBe(1);
    expect(results[0]!.endedAt).toBeLessThanOrEqual(results[1]!.startedAt);
    expect(results[1]!.endedAt).toBeLessThanOrEqual(results[2]!.startedAt);
  });

  it('replaces a worker SIGKILLed mid-task and still reports the task result (retried once)', async () => {
    const p = pool({ size: 1 });
    const seen: number[] = [];
    const result = await p.run(
      'sleep',
      { ms: 300 },
      {
        onProgress: ({ pid }) => {
          seen.push(pid);
          if (seen.length === 1) process.kill(pid, 'SIGKILL');
        },
      },
    );
    expect(seen).toHaveLength(2);
    expect(result.pid).toBe(seen[1]);
    expect(result.pid).not.toBe(seen[0]);
    expect(isAlive(seen[0]!)).toBe(false);
    expect(p.workerPids()).toEqual([result.pid]);
  });

  it('fails a task that crashes its worker every time with HAUL_E_WORKER_CRASHED, and keeps working', async () => {
    const p = pool({ size: 1 });
    const killed = await haulError(p.run('crash', { how: 'kill' }));
    expect(killed.code).toBe('HAUL_E_WORKER_CRASHED');
    expect(killed.message).toMatch(/SIGKILL.*2 times/);
    const exited = await haulError(p.run('crash', { how: 'exit', code: 3 }));
    expect(exited.code).toBe('HAUL_E_WORKER_CRASHED');
    expect(exited.message).toContain('exited with code 3');
    expect((await p.run('sleep', { ms: 1 })).pid).toBeGreaterThan(0);
  });

  it('cancels a queued task without running it', async () => {
    const p = pool({ size: 1 });
    const first = p.run('sleep', { ms: 200 });
    const abort = new AbortController();
    let started = false;
    const queued = p.run('sleep', { ms: 1 }, { signal: abort.signal, onProgress: () => (started = true) });
    expect(p.queued).toBe(1);
    abort.abort();
    expect((await haulError(queued)).code).toBe('HAUL_E_CANCELLED');
    expect(p.queued).toBe(0);
    await first;
    await p.run('sleep', { ms: 1 });
    expect(started).toBe(false);
    // An already-aborted signal never queues.
    expect((await haulError(p.run('sleep', { ms: 1 }, { signal: AbortSignal.abort() }))).code).toBe('HAUL_E_CANCELLED');
  });

  it('cancels a running task: the worker stops it and takes the next task', async () => {
    const p = pool({ size: 1 });
    const task = longSleep(p);
    await task.started();
    task.abort.abort();
    expect((await haulError(task.result)).code).toBe('HAUL_E_CANCELLED');
    const next = await p.run('sleep', { ms: 1 });
    expect(next.pid).toBe(task.starts[0]!.pid); // same worker: it obeyed, nobody was killed
  });

  it('kills and replaces a worker that does not stop a cancelled task within the grace period', async () => {
    const p = pool({ size: 1, cancelGraceMs: 200 });
    const task = longSleep(p, { ignoreCancel: true });
    await task.started();
    const stuckPid = task.starts[0]!.pid;
    task.abort.abort();
    expect((await haulError(task.result)).code).toBe('HAUL_E_CANCELLED'); // the caller is not kept waiting
    await waitUntil(() => !isAlive(stuckPid), 'the stuck worker to be killed', 3000);
    const next = await p.run('sleep', { ms: 1 });
    expect(next.pid).not.toBe(stuckPid);
  });

  it('settles a cancelled task only once its worker has stopped when asked to (a task writing files)', async () => {
    const p = pool({ size: 1, cancelGraceMs: 200 });
    const task = longSleep(p, { ignoreCancel: true, settleWhenStopped: true });
    await task.started();
    const stuckPid = task.starts[0]!.pid;
    task.abort.abort();
    expect((await haulError(task.result)).code).toBe('HAUL_E_CANCELLED');
    // Settled after the worker that ignored the cancel was killed, and it was not run again.
    expect(isAlive(stuckPid)).toBe(false);
    expect(task.starts).toHaveLength(1);
    const obeying = longSleep(p, { settleWhenStopped: true });
    await obeying.started();
    obeying.abort.abort();
    expect((await haulError(obeying.result)).code).toBe('HAUL_E_CANCELLED');
    expect((await p.run('sleep', { ms: 1 })).pid).toBe(obeying.starts[0]!.pid);
  });

  it('grows live by starting workers for queued tasks, and shrinks by retiring workers once idle', async () => {
    const p = pool({ size: 1 });
    const tasks = [longSleep(p), longSleep(p), longSleep(p)];
    await tasks[0]!.started();
    expect(p.queued).toBe(2);
    p.setSize(3);
    await Promise.all(tasks.map((t) => t.started()));
    const pids = tasks.map((t) => t.starts[0]!.pid);
    expect(new Set(pids).size).toBe(3);
    expect(p.workerCount).toBe(3);

    p.setSize(1);
    expect(p.workerCount).toBe(3); // busy workers are not killed
    const fourth = longSleep(p);
    tasks[0]!.abort.abort();
    await waitUntil(() => p.workerCount === 2, 'the freed worker to be retired');
    expect(p.queued).toBe(1); // two tasks still run, over the new size: it waits
    tasks[1]!.abort.abort();
    tasks[2]!.abort.abort();
    await fourth.started();
    fourth.abort.abort();
    await waitUntil(() => p.workerPids().length === 1, 'two retired workers to exit');
    expect(p.workerCount).toBe(1);
    expect(pids.filter(isAlive)).toEqual(p.workerPids());
    expect(() => p.setSize(0)).toThrow(expect.objectContaining({ code: 'HAUL_E_INVALID_INPUT' }));
  });

  it('close() cancels pending work and leaves no child process alive', async () => {
    const p = pool({ size: 2 });
    const running = [longSleep(p), longSleep(p)];
    const queued = haulError(p.run('sleep', { ms: 1 }));
    await Promise.all(running.map((t) => t.started()));
    const pids = p.workerPids();
    expect(pids).toHaveLength(2);
    expect(pids.every(isAlive)).toBe(true);

    await p.close();
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    for (const r of running) expect((await haulError(r.result)).code).toBe('HAUL_E_CANCELLED');
    expect((await queued).code).toBe('HAUL_E_CANCELLED');
    expect((await haulError(p.run('sleep', { ms: 1 }))).code).toBe('HAUL_E_INVALID_STATE');
    expect(p.workerPids()).toEqual([]);
  });
});
