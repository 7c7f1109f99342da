// The details panel's history: newest first, and events at the same millisecond kept in the
// reverse of the order the engine recorded them (the later one happened after).
import type { JobEvent } from '../../../../shared/models/job-row';

export function newestFirst(events: readonly JobEvent[]): JobEvent[] {
  return events
    .map((event, i) => ({ event, i }))
    .sort((a, b) => b.event.at - a.event.at || b.i - a.i)
    .map(({ event }) => event);
}
