// The engine's own events, for what runs in its process (the event log, the CLI's reporters, the
// client feed): full snapshots of the jobs that changed, from one throttled tick. Clients get a
// compact, redacted stream made from these (client/client-feed.ts, shared/api/contract.ts).
import { EventEmitter } from 'node:events';
import type { GlobalStats, JobSnapshot } from '../../shared/models/job';
import type { Prefs } from '../../shared/models/prefs';
import type { Settings } from '../../shared/models/settings';

export interface EngineEventMap {
  'jobs.updated': { jobs: JobSnapshot[]; removed: string[] };
  stats: GlobalStats;
  'settings.changed': Settings;
  'prefs.changed': Prefs;
}
export type EngineEventName = keyof EngineEventMap;

export class EngineEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  emit<E extends EngineEventName>(event: E, payload: EngineEventMap[E]): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EngineEventName>(event: E, listener: (payload: EngineEventMap[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
