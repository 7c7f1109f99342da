// The pool's `extract` kind: runs extractArchive() (./extract) inside the worker process.
import type { ExtractTaskPayload, ExtractTaskProgress, ExtractTaskResult } from '../../shared/pool-protocol';
import { extractArchive } from './extract/index';
import type { TaskContext } from './task-context';

export async function extractTask(payload: ExtractTaskPayload, ctx: TaskContext<ExtractTaskProgress>): Promise<ExtractTaskResult> {
  return extractArchive({ ...payload, signal: ctx.signal, onProgress: (p) => ctx.progress(p) });
}
