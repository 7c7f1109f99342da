// The first request of a fresh download. It asks for `bytes=0-` so one answer tells us the
// length and whether ranges work, and its body keeps streaming as the first segment (which is
// what makes one-time URLs work).
import { HaulError } from '../../../shared/errors';
import { causeText } from '../../../shared/models/job-note';
import type { HttpClient, OpenedResponse } from '../http/http-client';
import { discardBody, header } from '../http/http-client';
import { checkRangeResponse, describeResponse, parseUnsatisfiedTotal, type Expected, type ResourceInfo } from '../http/response-checks';
import { isRetryable, waitToRetry, type RetryContext } from './download-errors';
import type { HostSlot, HostSlots } from './host-limiter';
import { classifyStatus, parseRetryAfter } from './retry-policy';
import { httpStatusError, statusRetry } from './segment-runner';

export interface ProbeContext extends RetryContext {
  client: HttpClient;
  hosts: HostSlots;
  url: string;
  headers: Record<string, string>;
}

export interface Probe {
  response: OpenedResponse;
  slot: HostSlot;
  info: ResourceInfo;
}

/** What the first answer must be when it is partial: the file from its first byte. */
const FROM_ZERO: Expected = { start: 0, total: null, etag: null, lastModified: null };

export async function probe(ctx: ProbeContext): Promise<Probe> {
  const host = new URL(ctx.url).host;
  let tries = 0;
  let useRange = true;
  for (;;) {
    const slot = await ctx.hosts.acquire(host, ctx.signal);
    try {
      const response = await ctx.client.open({
        url: ctx.url,
        headers: ctx.headers,
        range: useRange ? { start: 0, end: null } : undefined,
        signal: ctx.signal,
      });
      if (response.status === 416) {
        discardBody(response.body);
        const total = parseUnsatisfiedTotal(header(response.headers, 'content-range'));
        // The file is empty ("bytes */0"): nothing to fetch, which the download sees from the total.
        if (total === 0) return { response, slot, info: { ...describeResponse(response), total: 0, acceptRanges: false } };
        // Some servers refuse `bytes=0-` outright; ask again without a range.
        if (useRange) {
          useRange = false;
          slot.release();
          continue;
        }
      }
      if (response.status === 206) {
        // Its body is written from byte 0: a part that starts elsewhere (or says not where) never is.
        const verdict = checkRangeResponse(response.headers, 206, FROM_ZERO);
        if (!verdict.ok) {
          discardBody(response.body);
          if (useRange) {
            useRange = false;
            slot.release();
            continue;
          }
          throw new HaulError('HAUL_E_HTTP_STATUS', `${host} sent part of the file (HTTP 206) when asked for all of it: ${causeText(verdict.restart)}.`, { httpStatus: 206 });
        }
      }
      const cls = classifyStatus(response.status);
      if (cls === 'ok') return { response, slot, info: describeResponse(response) };
      discardBody(response.body);
      if (cls === 'fatal') throw httpStatusError(response, ctx.url);
      if (cls === 'throttled') ctx.hosts.throttled(host);
      const after = cls === 'throttled' ? parseRetryAfter(header(response.headers, 'retry-after')) : null;
      throw statusRetry(response, host, after);
    } catch (err) {
      slot.release();
      if (ctx.signal.aborted) throw new HaulError('HAUL_E_CANCELLED', 'Stopped.');
      // A name that does not exist on first contact is a wrong address: fail at once, as browsers
      // do, instead of retrying a typo for many seconds (a mirror, when given, takes over).
      if (!isRetryable(err) || err.code === 'HAUL_E_UNKNOWN_HOST') throw err;
      await waitToRetry(err, ++tries, ctx);
    }
  }
}
