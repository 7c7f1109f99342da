// Handlers are built once and mounted by every transport (IPC, WebSocket, CLI); `satisfies`
// makes a missing channel a compile error. `invoke` is the one validating boundary.
import { z } from 'zod';
import { commandSchemas, isChannel, type Channel, type CommandOutputs, type Handlers } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/result';
import { HaulError } from '../../shared/errors';
import type { Engine } from './engine';

export function createHandlers(engine: Engine): Handlers {
  return {
    'jobs.add': async ({ items }) => engine.addJobs(items),
    'jobs.list': async () => engine.list(),
    'jobs.pause': async ({ ids }) => engine.pause(ids),
    'jobs.resume': async ({ ids }) => engine.resume(ids),
    'jobs.cancel': async ({ ids }) => engine.cancel(ids),
    'jobs.remove': async ({ ids, deleteFiles }) => engine.remove(ids, deleteFiles),
    'jobs.retry': async ({ ids }) => engine.retry(ids),
    'jobs.update': async ({ ids, ...options }) => engine.updateOptions(ids, options),
    'jobs.setUrl': async ({ id, url, headers }) => ({ changed: engine.changeAddress(id, url, headers) }),
    'jobs.reorder': async ({ id, to }) => ({ order: engine.reorder(id, to) }),
    'jobs.pauseAll': async () => ({ changed: engine.pauseAll() }),
    'jobs.resumeAll': async () => ({ changed: engine.resumeAll() }),
    'settings.get': async () => engine.getSettings(),
    'settings.set': async (patch) => engine.setSettings(patch),
  } satisfies Handlers;
}

/** Validates untrusted input for `channel` and runs its handler; never throws. */
export async function invoke(handlers: Handlers, channel: string, input: unknown): Promise<Result<CommandOutputs[Channel]>> {
  if (!isChannel(channel)) return fail(new HaulError('HAUL_E_INVALID_INPUT', `Unknown command "${channel}".`));
  const parsed = commandSchemas[channel].safeParse(input);
  if (!parsed.success) {
    return fail(new HaulError('HAUL_E_INVALID_INPUT', `Invalid input for ${channel}: ${z.prettifyError(parsed.error)}`));
  }
  try {
    const handler = handlers[channel] as (i: unknown) => Promise<CommandOutputs[Channel]>;
    return ok(await handler(parsed.data));
  } catch (err) {
    return fail(err);
  }
}
