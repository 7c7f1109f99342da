// THE worker script of the process pool (hashing, extraction). The same file runs as an Electron
// utility process and as a child_process.fork child; parent-link.ts hides the difference.
// Each task kind maps to one handler in the table below.
import { HaulError, toErrorInfo } from '../../shared/errors';
import { isToWorker, type PoolTaskKind, type TaskMessage, type TaskPayload, type TaskProgress, type TaskResult } from '../../shared/pool-protocol';
import { extractTask } from './extract-task';
import { hashFileTask } from './hash-task';
import { HashSessions } from './hash-sessions';
import { connectToParent } from './parent-link';
import type { TaskContext } from './task-context';
import { crashTask, sleepTask } from './test-tasks';

type Handler<K extends PoolTaskKind> = (payload: TaskPayload<K>, ctx: TaskContext<TaskProgress<K>>) => Promise<TaskResult<K>>;

const testKinds = process.env.HAUL_POOL_TEST === '1';

// seek-bzip still calls the old Buffer() constructor; its deprecation notice would reach the
// user's terminal through the worker's stderr and says nothing they can act on.
process.noDeprecation = true;

const handlers: { [K in PoolTaskKind]?: Handler<K> } = {
  'hash-file': hashFileTask,
  // extractArchive() in ./extract/index, through extract-task.ts.
  extract: extractTask,
  // Only the pool's tests may simulate long and crashing tasks.
  sleep: testKinds ? sleepTask : undefined,
  crash: testKinds ? crashTask : undefined,
};

const link = connectToParent();
const running = new Map<number, AbortController>();
const sessions = new HashSessions((m) => link.post(m));

function lookup<K extends PoolTaskKind>(kind: K): Handler<K> | undefined {
  return handlers[kind];
}

async function runTask(msg: TaskMessage): Promise<void> {
  const abort = new AbortController();
  running.set(msg.id, abort);
  const ctx: TaskContext<TaskProgress<PoolTaskKind>> = {
    signal: abort.signal,
    progress: (progress) => {
      if (!abort.signal.aborted) link.post({ type: 'progress', id: msg.id, progress });
    },
  };
  try {
    const handler = lookup(msg.kind);
    if (!handler) throw new HaulError('HAUL_E_INTERNAL', `This worker has no handler for task kind "${msg.kind}"`);
    const value = await handler(msg.payload, ctx);
    link.post({ type: 'result', id: msg.id, value });
  } catch (err) {
    const error = abort.signal.aborted ? { code: 'HAUL_E_CANCELLED' as const, message: 'Task cancelled' } : toErrorInfo(err);
    link.post({ type: 'error', id: msg.id, error });
  } finally {
    running.delete(msg.id);
  }
}

link.listen((msg) => {
  if (!isToWorker(msg)) return;
  switch (msg.type) {
    case 'task':
      void runTask(msg);
      break;
    case 'cancel':
      running.get(msg.id)?.abort();
      break;
    case 'session-open':
      sessions.open(msg.sid, msg.path, msg.algo);
      break;
    case 'session-advance':
      sessions.advance(msg.sid, msg.upTo);
      break;
    case 'session-finish':
      sessions.finish(msg.sid, msg.size);
      break;
    case 'session-close':
      sessions.close(msg.sid);
      break;
    case 'shutdown':
      for (const a of running.values()) a.abort();
      sessions.closeAll();
      process.exit(0);
  }
});

link.post({ type: 'ready', pid: process.pid });
