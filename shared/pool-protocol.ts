// Messages between the engine's process pool and its worker processes. Tasks carry paths and
// byte ranges, never file contents: the worker reads the disk itself, so IPC stays tiny whatever
// the file size. Every message is plain JSON (both child_process and utilityProcess carry it).
import type { ErrorInfo } from './errors';
import type { ChecksumAlgo } from './models/job';

export interface HashFilePayload {
  path: string;
  algo: ChecksumAlgo;
  /** First byte to hash; default 0. */
  start?: number;
  /** Exclusive end; default the end of the file. */
  end?: number;
}

export interface HashFileResult {
  hex: string;
  /** Bytes actually hashed. */
  bytes: number;
}

export interface BytesProgress {
  bytes: number;
}

// The extract kind mirrors extractArchive() in electron/workers/extract/index.ts (its options
// minus signal/onProgress, its progress and result), which the engine may not import.
export interface ExtractTaskPayload {
  /** Absolute path; never modified. */
  archive: string;
  /** Where the new folder goes; default the archive's folder. */
  parentDir?: string;
  limits?: { maxEntries?: number; maxTotalBytes?: number; maxRatio?: number; minFreeBytes?: number };
  deleteArchiveAfter?: boolean;
  /** Extract here first (emptied of an interrupted attempt), renamed to the new folder once complete. */
  workDir?: string;
}
export interface ExtractTaskProgress {
  entries: number;
  bytes: number;
  totalBytes: number | null;
  totalEntries: number | null;
  archiveRead: number;
  archiveSize: number;
}
export interface ExtractTaskResult {
  outputDir: string;
  entries: number;
  bytes: number;
  kind: string;
  skipped: number;
  archiveDeleted: boolean;
}

/** Test kinds, registered by the worker only under HAUL_POOL_TEST=1. */
export interface SleepPayload {
  ms: number;
  /** Simulates a stuck task: the worker ignores `cancel`, so the pool must kill it. */
  ignoreCancel?: boolean;
  /** Spins synchronously: a CPU-bound worker that cannot read any message until it is done. */
  busy?: boolean;
}
export interface SleepResult {
  pid: number;
  /** Wall-clock ms (Date.now) in the worker, comparable across processes. */
  startedAt: number;
  endedAt: number;
}
export interface SleepProgress {
  pid: number;
  startedAt: number;
}
export interface CrashPayload {
  /** 'exit' calls process.exit(code); 'kill' sends SIGKILL to itself. */
  how: 'exit' | 'kill';
  code?: number;
}

/** Task kind → payload, result and progress types. */
export interface PoolTasks {
  'hash-file': { payload: HashFilePayload; result: HashFileResult; progress: BytesProgress };
  extract: { payload: ExtractTaskPayload; result: ExtractTaskResult; progress: ExtractTaskProgress };
  sleep: { payload: SleepPayload; result: SleepResult; progress: SleepProgress };
  crash: { payload: CrashPayload; result: null; progress: never };
}

export type PoolTaskKind = keyof PoolTasks;
export type TaskPayload<K extends PoolTaskKind> = PoolTasks[K]['payload'];
export type TaskResult<K extends PoolTaskKind> = PoolTasks[K]['result'];
export type TaskProgress<K extends PoolTaskKind> = PoolTasks[K]['progress'];

export const POOL_TASK_KINDS: readonly PoolTaskKind[] = ['hash-file', 'extract', 'sleep', 'crash'];

export type TaskMessage = { [K in PoolTaskKind]: { type: 'task'; id: number; kind: K; payload: TaskPayload<K> } }[PoolTaskKind];

/** Engine → worker. A session (`sid`) is a hash state living in one worker across many messages. */
export type ToWorker =
  | TaskMessage
  | { type: 'cancel'; id: number }
  | { type: 'session-open'; sid: number; path: string; algo: ChecksumAlgo }
  /** Hash up to this offset (exclusive). Only the latest matters. */
  | { type: 'session-advance'; sid: number; upTo: number }
  /** Hash up to `size`, then answer with the digest. */
  | { type: 'session-finish'; sid: number; size: number }
  | { type: 'session-close'; sid: number }
  /** Abort everything and exit cleanly. */
  | { type: 'shutdown' };

/** Worker → engine. */
export type FromWorker =
  /** Sent once the worker listens; nothing is sent to it before. */
  | { type: 'ready'; pid: number }
  /** `progress` and `value` have the types PoolTasks gives the task's kind. */
  | { type: 'progress'; id: number; progress: unknown }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: ErrorInfo }
  /** The session's hash now covers bytes [0, hashed). Also acknowledges an advance. */
  | { type: 'session-progress'; sid: number; hashed: number }
  | { type: 'session-result'; sid: number; hex: string; bytes: number }
  | { type: 'session-error'; sid: number; error: ErrorInfo };

const TO_WORKER_TYPES = new Set(['task', 'cancel', 'session-open', 'session-advance', 'session-finish', 'session-close', 'shutdown']);
const FROM_WORKER_TYPES = new Set(['ready', 'progress', 'result', 'error', 'session-progress', 'session-result', 'session-error']);

function typeOf(msg: unknown): string | undefined {
  if (typeof msg !== 'object' || msg === null) return undefined;
  const t = (msg as { type?: unknown }).type;
  return typeof t === 'string' ? t : undefined;
}

function hasNumber(msg: unknown, key: string): boolean {
  return typeof (msg as Record<string, unknown>)[key] === 'number';
}

/** Shape check at the receiving end of the pipe: the type tag and the ids it routes by. */
export function isToWorker(msg: unknown): msg is ToWorker {
  const t = typeOf(msg);
  if (t === undefined || !TO_WORKER_TYPES.has(t)) return false;
  if (t === 'task') return hasNumber(msg, 'id') && POOL_TASK_KINDS.includes((msg as { kind: PoolTaskKind }).kind);
  if (t === 'cancel') return hasNumber(msg, 'id');
  return t === 'shutdown' || hasNumber(msg, 'sid');
}

export function isFromWorker(msg: unknown): msg is FromWorker {
  const t = typeOf(msg);
  if (t === undefined || !FROM_WORKER_TYPES.has(t)) return false;
  if (t === 'ready') return hasNumber(msg, 'pid');
  return t.startsWith('session-') ? hasNumber(msg, 'sid') : hasNumber(msg, 'id');
}
