// Internal signals between a connection and its download. They are HaulErrors so that, if one
// ever escapes, it still carries a stable code and a message a person can read.
import { HaulError, type HaulErrorCode } from '../../../shared/errors';
import type { RetryWait } from '../../../shared/models/job';
import { causeText, type RestartCause } from '../../../shared/models/job-note';
import { backoffDelay, type RetryTiming } from './retry-policy';

/** Try again after `delayMs` (a 5xx, 429/503 with Retry-After, a reset, a stall). */
export class RetryLater extends HaulError {
  constructor(
    code: HaulErrorCode,
    message: string,
    readonly delayMs: number | null,
    options?: { cause?: unknown; httpStatus?: number },
  ) {
    super(code, message, options);
  }
}

/** The response was not the exact range of the same content: never write it at an offset. */
export class RangeMismatch extends HaulError {
  constructor(
    readonly kind: 'range-ignored' | 'content-changed',
    readonly restart: RestartCause,
  ) {
    super(kind === 'range-ignored' ? 'HAUL_E_RANGE_IGNORED' : 'HAUL_E_CONTENT_CHANGED', causeText(restart));
  }
}

// An unknown host is retried once the download is under way: a host that answered before and is
// now "unknown" is a laptop that went offline (macOS reports no network that way). The first
// contact does not retry it (see probe.ts).
const RETRYABLE: ReadonlySet<HaulErrorCode> = new Set(['HAUL_E_NETWORK', 'HAUL_E_UNKNOWN_HOST', 'HAUL_E_TIMEOUT', 'HAUL_E_STALLED', 'HAUL_E_SHORT_BODY']);

export function isRetryable(err: unknown): err is HaulError {
  return err instanceof RetryLater || (err instanceof HaulError && RETRYABLE.has(err.code));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export interface RetryContext {
  signal: AbortSignal;
  maxTries: () => number;
  retry: RetryTiming;
  /** Told before each wait, so the job can show why it is not moving. */
  onRetry?: (wait: RetryWait) => void;
}

/**
 * After the `tries`-th failure in a row: gives up once the tries are spent, else waits the
 * server's Retry-After or an exponential backoff with jitter (capped either way).
 */
export async function waitToRetry(err: HaulError, tries: number, ctx: RetryContext): Promise<void> {
  const maxTries = ctx.maxTries();
  if (tries >= maxTries) {
    throw new HaulError('HAUL_E_RETRIES_EXHAUSTED', `Gave up after ${tries} tries: ${err.message}`, { cause: err, httpStatus: err.httpStatus });
  }
  const asked = err instanceof RetryLater && err.delayMs !== null ? err.delayMs : backoffDelay(tries, ctx.retry);
  const delay = Math.min(asked, ctx.retry.maxRetryAfterMs);
  ctx.onRetry?.({ reason: err.message, code: err.code, ...(err.httpStatus !== undefined && { httpStatus: err.httpStatus }), attempt: tries, maxTries, at: Date.now() + delay });
  await sleep(delay, ctx.signal);
}
