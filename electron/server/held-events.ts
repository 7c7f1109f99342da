// What a slow client has not been sent yet, kept small whatever the number of events: the
// `jobs.changed` events merged into one (patches merged per id, later fields win, removed ids
// kept, the latest counts; `since` says which seq it starts at), the latest detail per watched
// job, and only the latest stats, settings and prefs.
import type { EventMap, EventName } from '../../shared/api/contract';
import type { JobDetail, JobRowPatch } from '../../shared/models/job-row';

type Changed = EventMap['jobs.changed'];

export interface HeldEvent {
  event: EventName;
  payload: EventMap[EventName];
}

export class HeldEvents {
  private changed: { since: number; seq: number; rows: Map<string, JobRowPatch>; removed: Set<string>; counts: Changed['counts'] } | null = null;
  private readonly details = new Map<string, JobDetail>();
  private readonly latest = new Map<Exclude<EventName, 'jobs.changed' | 'jobs.detail'>, EventMap[EventName]>();

  add<E extends EventName>(event: E, payload: EventMap[E]): void {
    if (event === 'jobs.changed') this.addChanged(payload as Changed);
    else if (event === 'jobs.detail') this.details.set((payload as JobDetail).id, payload as JobDetail);
    else this.latest.set(event as Exclude<EventName, 'jobs.changed' | 'jobs.detail'>, payload);
  }

  get empty(): boolean {
    return this.changed === null && this.details.size === 0 && this.latest.size === 0;
  }

  /** Everything held, in the order a client can apply it (rows before the details of those rows); then nothing is held. */
  take(): HeldEvent[] {
    const out: HeldEvent[] = [];
    const c = this.changed;
    if (c) out.push({ event: 'jobs.changed', payload: { since: c.since, seq: c.seq, rows: [...c.rows.values()], removed: [...c.removed], counts: c.counts } });
    for (const detail of this.details.values()) out.push({ event: 'jobs.detail', payload: detail });
    for (const [event, payload] of this.latest) out.push({ event, payload });
    this.changed = null;
    this.details.clear();
    this.latest.clear();
    return out;
  }

  private addChanged(e: Changed): void {
    const c = (this.changed ??= { since: e.since ?? e.seq, seq: e.seq, rows: new Map(), removed: new Set(), counts: e.counts });
    c.seq = e.seq;
    c.counts = e.counts;
    for (const patch of e.rows) {
      const prev = c.rows.get(patch.id);
      // A row first seen whole stays whole: the client may not know it yet.
      c.rows.set(patch.id, prev ? { ...prev, ...patch } : patch);
    }
    for (const id of e.removed) {
      c.rows.delete(id);
      c.removed.add(id);
      this.details.delete(id);
    }
  }
}
