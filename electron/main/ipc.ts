// The only place that touches ipcMain: one invoke channel carrying the typed contract, and one
// event channel. Everything arriving here is validated by `invoke` before any handler runs.
import { ipcMain, type WebContents } from 'electron';
import type { EventMap, EventName, Handlers } from '../../shared/api/contract';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/api/ipc-channels';
import { invoke } from '../engine/handlers';

export function mountHandlers(handlers: Handlers): () => void {
  ipcMain.handle(IPC_INVOKE, (_event, channel: unknown, input: unknown) => invoke(handlers, String(channel), input));
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

export function sendEvent<E extends EventName>(target: WebContents, event: E, payload: EventMap[E]): void {
  if (!target.isDestroyed()) target.send(IPC_EVENT, event, payload);
}
