// Exposes the shared API as window.haul, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { Channel, CommandInput, CommandOutputs, EventMap, EventName, HaulApi } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/api/ipc-channels';

const api: HaulApi = {
  invoke<C extends Channel>(channel: C, input: CommandInput<C>): Promise<Result<CommandOutputs[C]>> {
    return ipcRenderer.invoke(IPC_INVOKE, channel, input) as Promise<Result<CommandOutputs[C]>>;
  },
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    const wrapped = (_e: unknown, name: string, payload: unknown): void => {
      if (name === event) listener(payload as EventMap[E]);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => ipcRenderer.off(IPC_EVENT, wrapped);
  },
};

contextBridge.exposeInMainWorld('haul', api);
