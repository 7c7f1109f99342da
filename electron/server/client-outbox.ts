// Everything sent to one browser goes through here, so a client that reads slowly (a phone on a
// bad network, a tab in the background, a stopped process) never makes the server buffer without
// bound. Above `holdAbove` bytes waiting in the socket, events are held and merged (HeldEvents)
// and go out once the socket drains; answers to commands always go (the client asked and waits).
// A client still that far behind after `stuckMs`, or with `closeAbove` bytes waiting, is closed:
// it reconnects and lists again.
import type { EventMap, EventName } from '../../shared/api/contract';
import { CLOSE_TOO_SLOW, type ServerFrame } from '../../shared/api/ws-protocol';
import { HeldEvents } from './held-events';

/** What the outbox needs of a WebSocket (ws's). */
export interface OutboxSocket {
  readonly bufferedAmount: number;
  send(data: string, cb?: (err?: Error) => void): void;
  close(code: number, reason: string): void;
}

export interface OutboxLimits {
  /** Events are held (merged) while more than this is waiting to be sent. */
  holdAbove: number;
  /** More than this waiting: the client is closed. */
  closeAbove: number;
  /** Holding events for longer than this: the client is closed. */
  stuckMs: number;
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { holdAbove: 1024 * 1024, closeAbove: 64 * 1024 * 1024, stuckMs: 60_000 };

export class ClientOutbox {
  private readonly held = new HeldEvents();
  private stuckTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly socket: OutboxSocket,
    private readonly limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS,
  ) {}

  event<E extends EventName>(event: E, payload: EventMap[E]): void {
    if (this.closed) return;
    if (this.held.empty && this.socket.bufferedAmount <= this.limits.holdAbove) {
      this.write({ event, payload });
      return;
    }
    this.held.add(event, payload);
    this.stuckTimer ??= setTimeout(() => this.tooSlow(), this.limits.stuckMs);
  }

  /** An answer to a command: never held or merged. */
  reply(frame: ServerFrame): void {
    if (!this.closed) this.write(frame);
  }

  /** Stops sending (the socket closed). */
  close(): void {
    this.closed = true;
    this.clearStuck();
  }

  private write(frame: ServerFrame): void {
    // The callback comes once this frame is handed to the operating system: the socket drained that far.
    this.socket.send(JSON.stringify(frame), (err) => {
      if (!err) this.drained();
    });
    if (this.socket.bufferedAmount > this.limits.closeAbove) this.tooSlow();
  }

  private drained(): void {
    if (this.closed || this.held.empty || this.socket.bufferedAmount > this.limits.holdAbove) return;
    this.clearStuck();
    for (const { event, payload } of this.held.take()) this.write({ event, payload });
  }

  private tooSlow(): void {
    if (this.closed) return;
    this.close();
    this.socket.close(CLOSE_TOO_SLOW, 'too far behind; reconnect and list again');
  }

  private clearStuck(): void {
    if (this.stuckTimer) clearTimeout(this.stuckTimer);
    this.stuckTimer = null;
  }
}
