// A job as clients see it: the compact row of the task list, or the job in full for the details
// panel. Both are made from the engine's own snapshot and carry no secret (see shared/redact.ts).
import type { JobSnapshot, SegmentSnapshot } from '../../../shared/models/job';
import type { BarSegment, JobDetail, JobEvent, JobRow } from '../../../shared/models/job-row';
import { redactHeaders, redactUrl } from '../../../shared/redact';

/** A bar has room for this many ranges; more are merged (64 connections fit). */
const MAX_BAR_SEGMENTS = 64;

export function toRow(s: JobSnapshot): JobRow {
  return {
    id: s.id,
    url: redactUrl(s.url),
    dir: s.dir,
    // Before the download chooses it, the name asked for is the best one to show.
    name: s.name ?? s.requestedName,
    path: s.path,
    status: s.status,
    position: s.position,
    total: s.total,
    received: s.received,
    speed: s.speed,
    eta: s.eta,
    activeConnections: s.activeConnections,
    bar: barOf(s.segments, s.total),
    resumable: s.resumable,
    error: s.error,
    note: s.note,
    retry: s.retry,
    stopping: s.stopping,
    waiting: s.waiting,
    stage: s.stage,
    checksum: s.checksum,
    extractedTo: s.extractedTo,
    createdAt: s.createdAt,
    completedAt: s.completedAt,
  };
}

export function toDetail(s: JobSnapshot, history: JobEvent[]): JobDetail {
  // The engine's note of a move under way is its own business.
  const { movedFrom: _movedFrom, ...options } = s.options;
  return {
    ...toRow(s),
    finalUrl: s.finalUrl === null ? null : redactUrl(s.finalUrl),
    segments: s.segments,
    options: {
      ...options,
      headers: redactHeaders(options.headers),
      ...(options.mirrors && { mirrors: options.mirrors.map(redactUrl) }),
      ...(options.checksumUrl && { checksumUrl: redactUrl(options.checksumUrl) }),
    },
    history,
  };
}

/**
 * The ranges of a running download in thousandths of the file, for the row's bar. Finished
 * neighbours merge, so a long download stays a few ranges; null when there is nothing to draw
 * beyond received / total (one range, or an unknown length).
 */
export function barOf(segments: readonly SegmentSnapshot[], total: number | null): BarSegment[] | null {
  if (segments.length < 2 || total === null || total <= 0) return null;
  const k = (n: number): number => Math.round((n / total) * 1000);
  const out: BarSegment[] = [];
  for (const seg of segments) {
    if (seg.end === null) return null;
    const next: BarSegment = [k(seg.start), k(seg.end), k(seg.start + seg.received), seg.active ? 1 : 0];
    const last = out[out.length - 1];
    // A finished range right after a finished range adds nothing to the picture.
    if (last && isFull(last) && isFull(next) && last[1] === next[0]) {
      last[1] = next[1];
      last[2] = next[1];
    } else {
      out.push(next);
    }
  }
  while (out.length > MAX_BAR_SEGMENTS) mergeShortestPair(out);
  return out;
}

function isFull(b: BarSegment): boolean {
  return b[2] === b[1] && b[3] === 0;
}

/** Joins the two neighbours that together span the least of the file. */
function mergeShortestPair(bar: BarSegment[]): void {
  let best = 0;
  for (let i = 1; i < bar.length - 1; i++) if (bar[i + 1]![1] - bar[i]![0] < bar[best + 1]![1] - bar[best]![0]) best = i;
  const a = bar[best]!;
  const b = bar[best + 1]!;
  // Done up to: the first one's, unless it is full (then the second's).
  bar.splice(best, 2, [a[0], b[1], a[2] === a[1] ? b[2] : a[2], a[3] || b[3] ? 1 : 0]);
}
