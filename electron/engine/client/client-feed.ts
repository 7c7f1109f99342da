// The event stream every client shares, made once from the engine's progress tick: rows of the
// jobs that changed, carrying only the fields that changed since the last event (a new row comes
// whole), numbered so a client can tell it missed one, with the counts per filter.
import type { EventMap, EventName } from '../../../shared/api/contract';
import type { JobSnapshot } from '../../../shared/models/job';
import type { JobRow, JobRowPatch, StatusCounts } from '../../../shared/models/job-row';
import type { EngineEvents } from '../events';
import { JobHistory } from './job-history';
import { toRow } from './job-rows';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;

export class ClientFeed {
  /** The number of the last `jobs.changed` sent (0: none yet). */
  seq = 0;
  readonly history = new JobHistory();
  /** Each job's row as the last event left it, for the jobs any event carried. */
  private readonly sent = new Map<string, JobRow>();
  private readonly listeners = new Map<EventName, Set<Listener<never>>>();
  private lastCounts = '';

  constructor(
    events: EngineEvents,
    private readonly counts: () => StatusCounts,
  ) {
    events.on('jobs.updated', ({ jobs, removed }) => this.tick(jobs, removed));
    events.on('stats', (s) => this.emit('stats', s));
    events.on('settings.changed', (s) => this.emit('settings.changed', s));
    events.on('prefs.changed', (p) => this.emit('prefs.changed', p));
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** The row as of the last event (what a list answered with its seq must show), if one carried it. */
  sentRow(id: string): JobRow | undefined {
    return this.sent.get(id);
  }

  private tick(snapshots: readonly JobSnapshot[], removed: readonly string[]): void {
    this.history.observe(snapshots, removed);
    const rows: JobRowPatch[] = [];
    for (const s of snapshots) {
      const row = toRow(s);
      const patch = diff(this.sent.get(row.id), row);
      this.sent.set(row.id, row);
      if (patch) rows.push(patch);
    }
    for (const id of removed) this.sent.delete(id);
    const counts = this.counts();
    const countsKey = JSON.stringify(counts);
    if (rows.length === 0 && removed.length === 0 && countsKey === this.lastCounts) return;
    this.lastCounts = countsKey;
    this.emit('jobs.changed', { seq: ++this.seq, rows, removed: [...removed], counts });
  }

  private emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<E>)(payload);
  }
}

/** The fields of `next` that differ from `prev` (all of them when there is no prev); null when none do. */
function diff(prev: JobRow | undefined, next: JobRow): JobRowPatch | null {
  if (!prev) return next;
  const patch: JobRowPatch = { id: next.id };
  let changed = false;
  for (const key of Object.keys(next) as (keyof JobRow)[]) {
    const [a, b] = [prev[key], next[key]];
    if (a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b))) continue;
    (patch as Record<string, unknown>)[key] = b;
    changed = true;
  }
  return changed ? patch : null;
}
