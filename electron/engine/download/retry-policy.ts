// Which failures are worth another try, and how long to wait before it.

export interface RetryTiming {
  /** First backoff step in ms. */
  baseDelayMs: number;
  /** Ceiling for one backoff step in ms. */
  maxDelayMs: number;
  /** Ceiling for a server's Retry-After in ms (a server asking for an hour is not waited on blindly). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_TIMING: RetryTiming = {
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 10 * 60_000,
};

/** Exponential backoff with "full jitter": spreads retries of many connections apart. */
export function backoffDelay(attempt: number, timing: RetryTiming, random: () => number = Math.random): number {
  const cap = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** Retry-After is either delta-seconds or an HTTP date. Returns ms to wait, or null if absent/invalid. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  const trimmed = v.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP date names a month; without this, V8 reads "1.5" or "-1" as dates in 2001.
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

export type StatusClass = 'ok' | 'throttled' | 'retry' | 'fatal';

/** 429/503 mean "too many": retry later and use fewer connections. Other 5xx: retry. 4xx: give up. */
export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 429 || status === 503) return 'throttled';
  if (status === 408 || status >= 500) return 'retry';
  return 'fatal';
}
