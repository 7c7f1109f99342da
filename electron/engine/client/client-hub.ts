// What every client of one engine shares, whatever carries it (IPC, WebSocket, the CLI): the
// event feed, listings that agree with it, and jobs in full. Made once per engine.
import type { JobList } from '../../../shared/api/contract';
import { JOB_STATUSES } from '../../../shared/models/job';
import { filterOf, type JobDetail, type JobRow, type StatusCounts } from '../../../shared/models/job-row';
import type { Engine } from '../engine';
import { ClientFeed } from './client-feed';
import { ClientSession, type Send } from './client-session';
import { queryRows, type JobQuery } from '../../../shared/job-query';
import { toDetail, toRow } from './job-rows';

export class ClientHub {
  readonly feed: ClientFeed;

  /**
   * Rows of the jobs no event has carried yet, made once: they have not changed since (a change
   * comes in an event, whose row the feed keeps instead). Listing 10,000 finished jobs would
   * otherwise make 10,000 snapshots on every list.
   */
  private readonly quiet = new Map<string, JobRow>();

  constructor(readonly engine: Engine) {
    this.feed = new ClientFeed(engine.events, () => this.counts());
    this.feed.on('jobs.changed', ({ rows, removed }) => {
      for (const row of rows) this.quiet.delete(row.id);
      for (const id of removed) this.quiet.delete(id);
    });
  }

  /**
   * Rows as of the last `jobs.changed` event (its seq is in the answer): a job that changed since
   * is shown as that event left it, and the next event brings the change.
   */
  list(query: JobQuery): JobList {
    const rows: JobRow[] = [];
    for (const id of this.engine.ids()) rows.push(this.feed.sentRow(id) ?? this.quietRow(id));
    const found = queryRows(rows, query);
    return { ...found, counts: this.counts(), seq: this.feed.seq };
  }

  private quietRow(id: string): JobRow {
    let row = this.quiet.get(id);
    if (!row) this.quiet.set(id, (row = toRow(this.engine.snapshot(id)!)));
    return row;
  }

  /** Jobs per filter of the task list, from the engine's per-status counts (no walk over the jobs). */
  counts(): StatusCounts {
    const n = this.engine.statusCounts();
    const out: StatusCounts = { all: 0, active: 0, queued: 0, paused: 0, completed: 0, failed: 0 };
    for (const status of JOB_STATUSES) {
      out[filterOf(status)] += n[status];
      out.all += n[status];
    }
    return out;
  }

  detail(id: string): JobDetail | undefined {
    const snap = this.engine.snapshot(id);
    return snap && toDetail(snap, this.feed.history.events(id));
  }

  /** A new client: it gets the shared events through `send`, and the details it watches. */
  session(send: Send, remote: boolean): ClientSession {
    return new ClientSession(this, send, remote);
  }
}
