// The only place that touches ipcMain: one invoke channel carrying the typed contract, and one
// event channel. Everything arriving here is validated by `invoke` before any handler runs.
// Each window is one client (a ClientSession), served exactly as a browser tab on `haul serve` is.
import { ipcMain, type WebContents } from 'electron';
import type { Handlers } from '../../shared/api/contract';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/api/ipc-channels';
import type { ClientHub } from '../engine/client/client-hub';
import type { ClientSession } from '../engine/client/client-session';
import { invoke } from '../engine/handlers';

export function mountHandlers(handlers: Handlers, hub: ClientHub): () => void {
  const sessions = new Map<WebContents, ClientSession>();
  const sessionOf = (target: WebContents): ClientSession => {
    let session = sessions.get(target);
    if (!session) {
      const s = hub.session((event, payload) => {
        if (!target.isDestroyed()) target.send(IPC_EVENT, event, payload);
      }, false);
      sessions.set(target, (session = s));
      target.once('destroyed', () => {
        s.close();
        sessions.delete(target);
      });
    }
    return session;
  };
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) => invoke(handlers, String(channel), input, sessionOf(event.sender)));
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    for (const s of sessions.values()) s.close();
    sessions.clear();
  };
}
