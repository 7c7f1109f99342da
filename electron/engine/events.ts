// One typed event map (shared/api/contract.ts) for the engine, IPC and WebSocket alike.
import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../shared/api/contract';

export class EngineEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
