// The CLI drives the engine through the same handlers and validation as the app's window and a
// browser on `haul serve`; only reading the engine's own snapshots stays in-process.
import type { Channel, CommandInput, CommandOutputs } from '../../shared/api/contract';
import { HaulError, type HaulErrorCode } from '../../shared/errors';
import { ClientHub } from '../engine/client/client-hub';
import type { Engine } from '../engine/engine';
import { createHandlers, invoke, LOCAL_CALLER } from '../engine/handlers';

export type LocalCall = <C extends Channel>(channel: C, input: CommandInput<C>) => Promise<CommandOutputs[C]>;

export function localCalls(engine: Engine): LocalCall {
  const handlers = createHandlers(new ClientHub(engine), { mode: 'cli', capabilities: { openFiles: false, pickFolder: false, notifications: false } });
  return async (channel, input) => {
    const r = await invoke(handlers, channel, input, LOCAL_CALLER);
    if (!r.ok) throw new HaulError(r.error.code as HaulErrorCode, r.error.message);
    return r.value as CommandOutputs[typeof channel];
  };
}
