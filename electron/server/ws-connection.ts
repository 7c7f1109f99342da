// One browser tab on the WebSocket: one ClientSession of the engine's hub (as one window is over
// IPC), every command through `invoke` (the one validating boundary), every event through the
// tab's outbox. A frame that cannot be read gets an error frame; the connection stays.
import type { Handlers } from '../../shared/api/contract';
import { ClientFrameSchema } from '../../shared/api/ws-protocol';
import type { ErrorInfo } from '../../shared/errors';
import type { ClientHub } from '../engine/client/client-hub';
import { invoke } from '../engine/handlers';
import { ClientOutbox, type OutboxLimits, type OutboxSocket } from './client-outbox';

export interface ConnectionSocket extends OutboxSocket {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

export function serveConnection(socket: ConnectionSocket, hub: ClientHub, handlers: Handlers, limits: OutboxLimits): void {
  const outbox = new ClientOutbox(socket, limits);
  const session = hub.session((event, payload) => outbox.event(event, payload), true);
  const refuse = (error: ErrorInfo): void => outbox.reply({ error });
  socket.on('message', (data, isBinary) => {
    if (isBinary) return refuse({ code: 'HAUL_E_INVALID_INPUT', message: 'Frames are JSON text.' });
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      return refuse({ code: 'HAUL_E_INVALID_INPUT', message: 'A frame is not JSON.' });
    }
    const frame = ClientFrameSchema.safeParse(json);
    if (!frame.success) return refuse({ code: 'HAUL_E_INVALID_INPUT', message: 'A frame is { id, channel, input }.' });
    const { id, channel, input } = frame.data;
    void invoke(handlers, channel, input, session).then((result) => outbox.reply({ id, result }));
  });
  socket.on('close', () => {
    outbox.close();
    session.close();
  });
}
