// Drives one claimed segment to completion over as many requests as it takes: retries with
// backoff, honours Retry-After, tells the host limiter about throttling, and never writes a
// response that is not exactly the range asked for.
import { HaulError } from '../../../shared/errors';
import type { HttpClient, OpenedResponse } from '../http/http-client';
import { discardBody, header } from '../http/http-client';
import { checkRangeResponse, type Expected } from '../http/response-checks';
import { pumpBody, type PumpTarget } from './body-pump';
import type { ConnectionStats } from './connection-stats';
import { RangeMismatch, RetryLater, isRetryable, waitToRetry, type RetryContext } from './download-errors';
import type { HostSlot, HostSlots } from './host-limiter';
import { classifyStatus, parseRetryAfter } from './retry-policy';
import type { LiveSegment, SegmentTable } from './segment-table';
import { displayUrl } from '../../../shared/format';

export interface SegmentContext extends PumpTarget, RetryContext {
  client: HttpClient;
  hosts: HostSlots;
  table: SegmentTable;
  headers: Record<string, string>;
  expected: Expected;
  ifRange: string | null;
  /** Told each request's latency and each response's speed (the tail takeover's estimates). */
  stats: ConnectionStats;
  /** Called when the server answered 429/503, for the job's note. */
  onThrottled?: (status: number) => void;
}

export interface Opened {
  response: OpenedResponse;
  slot: HostSlot;
  /** Exclusive end the request asked for; null when open-ended (the probe). */
  requestEnd: number | null;
}

/** 'yielded' means the host has no free slot and other connections carry on without this one. */
export type SegmentResult = 'done' | 'stopped' | 'yielded';

/**
 * Takes ownership of `first` (the probe's response): it is used or released, whatever happens,
 * even when the segment turns out to be complete or the attempt stopped before it was read.
 */
export async function runSegment(ctx: SegmentContext, seg: LiveSegment, first?: Opened): Promise<SegmentResult> {
  const host = new URL(ctx.url).host;
  let tries = 0;
  let opened = first;
  try {
    while (!seg.complete) {
      if (ctx.signal.aborted) return 'stopped';
      let slot = opened?.slot;
      try {
        if (!opened) {
          if (!ctx.hosts.hasFree(host) && ctx.table.activeCount() > 1) return 'yielded';
          slot = await ctx.hosts.acquire(host, ctx.signal);
          const sentAt = performance.now();
          const response = await ctx.client.open({
            url: ctx.url,
            headers: ctx.headers,
            range: { start: seg.reserved, end: seg.end },
            ifRange: ctx.ifRange,
            signal: ctx.signal,
          });
          if (response.status === 416 && seg.end === null && seg.written > seg.start) {
            // After parts of unknown total (`bytes 0-N/*`), "nothing from here" is the file's end.
            discardBody(response.body);
            seg.end = seg.written;
            break;
          }
          acceptRangeResponse(ctx, response, seg.reserved, host);
          ctx.stats.answered(performance.now() - sentAt);
          opened = { response, slot, requestEnd: seg.end };
        }
        const before = seg.written;
        const [from, startedAt] = [seg.reserved, performance.now()];
        await pumpBody(ctx, seg, opened.response.body, opened.requestEnd, seg.end === null && opened.response.status === 206);
        ctx.stats.delivered(seg.reserved - from, performance.now() - startedAt);
        // A try that moved the download forward does not count against the limit.
        if (seg.written > before) tries = 0;
      } catch (err) {
        if (opened) discardBody(opened.response.body);
        if (ctx.signal.aborted) return 'stopped';
        if (!isRetryable(err)) throw err;
        // The host's slot is not held while waiting: other downloads may use it meanwhile.
        slot?.release();
        slot = undefined;
        await waitToRetry(err, ++tries, ctx);
      } finally {
        slot?.release();
        opened = undefined;
      }
    }
    return 'done';
  } finally {
    if (opened) releaseOpened(opened);
  }
}

/**
 * Reads a body that has nothing in it to its end, so its connection serves the next request (500
 * empty files, 500 fewer handshakes), then frees the host slot.
 */
export async function drainEmpty(opened: Opened): Promise<void> {
  const body = opened.response.body;
  try {
    // A byte where none was announced: the connection is not worth keeping.
    await body.consume(() => body.cancel());
  } catch {
    // The connection failed; nothing was to be read from it anyway.
  } finally {
    opened.slot.release();
  }
}

/** Gives up a response nobody will read: drops its body and frees its host slot (both only once). */
export function releaseOpened(opened: Opened): void {
  discardBody(opened.response.body);
  opened.slot.release();
}

/** Throws unless the response is the exact range of the same content. */
function acceptRangeResponse(ctx: SegmentContext, res: OpenedResponse, start: number, host: string): void {
  const cls = classifyStatus(res.status);
  if (cls === 'throttled') {
    discardBody(res.body);
    ctx.hosts.throttled(host);
    ctx.onThrottled?.(res.status);
    const after = parseRetryAfter(header(res.headers, 'retry-after'));
    throw statusRetry(res, host, after);
  }
  if (cls === 'retry') {
    discardBody(res.body);
    throw statusRetry(res, host, null);
  }
  if (cls === 'fatal') {
    discardBody(res.body);
    if (res.status === 416) throw new RangeMismatch('content-changed', { why: 'rangeRefused' });
    throw httpStatusError(res, ctx.url);
  }
  const verdict = checkRangeResponse(res.headers, res.status, { ...ctx.expected, start });
  if (!verdict.ok) {
    discardBody(res.body);
    throw new RangeMismatch(verdict.kind, verdict.restart);
  }
}

/** A status worth another try (5xx, 429/503), after `delayMs` when the server said (Retry-After). */
export function statusRetry(res: OpenedResponse, host: string, delayMs: number | null): RetryLater {
  return new RetryLater('HAUL_E_HTTP_STATUS', `HTTP ${res.status} ${res.statusText} from ${host}`.trim(), delayMs, { httpStatus: res.status });
}

export function httpStatusError(res: OpenedResponse, url: string): HaulError {
  return new HaulError('HAUL_E_HTTP_STATUS', `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} for ${displayUrl(url)}`, { httpStatus: res.status });
}
