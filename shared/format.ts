// Display and parsing helpers shared by the CLI and the UI, so both show the same numbers.

/** Shown wherever a value is unknown (no total yet, no speed yet, bad input). */
export const UNKNOWN = '—';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const;

/**
 * Binary units with 3 significant digits (`512 B`, `1.50 KiB`, `12.3 MiB`, `1.00 GiB`), so a
 * number being updated ten times a second keeps its width. 1000–1023 of a unit show as integers
 * (`1010 KiB`) rather than jumping to `0.986 MiB`.
 */
export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return UNKNOWN;
  if (n < 0) return `-${formatBytes(-n)}`;
  let value = n;
  let unit = 0;
  // Promote on the rounded value so 1023.7 B reads `1.00 KiB`, never `1024 B`.
  while (unit < UNITS.length - 1 && Math.round(value) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 99.95 ? String(Math.round(value)) : value.toPrecision(3);
  return `${digits} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSec: number | null): string {
  if (bytesPerSec === null || !Number.isFinite(bytesPerSec) || bytesPerSec < 0) return UNKNOWN;
  return `${formatBytes(bytesPerSec)}/s`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A time left in its two largest units (the smaller zero-padded), for words in any language. */
export type EtaParts =
  | { unit: 's'; s: string }
  | { unit: 'm'; m: string; s: string }
  | { unit: 'h'; h: string; m: string }
  | { unit: 'd'; d: string; h: string }
  | { unit: 'long' };

/** null when unknown. */
export function etaParts(seconds: number | null): EtaParts | null {
  // Infinity is what remaining / 0 B/s gives: that is "unknown", not "forever".
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  // Round up: an ETA of `0s` while bytes are still missing would be a lie.
  const s = Math.ceil(seconds);
  if (s >= 100 * 86_400) return { unit: 'long' };
  if (s < 60) return { unit: 's', s: String(s) };
  if (s < 3600) return { unit: 'm', m: String(Math.floor(s / 60)), s: pad2(s % 60) };
  if (s < 86_400) return { unit: 'h', h: String(Math.floor(s / 3600)), m: pad2(Math.floor((s % 3600) / 60)) };
  return { unit: 'd', d: String(Math.floor(s / 86_400)), h: pad2(Math.floor((s % 86_400) / 3600)) };
}

/** `45s`, `3m 05s`, `2h 03m`, `4d 07h`, `>99d`; `—` when unknown. */
export function formatEta(seconds: number | null): string {
  const p = etaParts(seconds);
  if (!p) return UNKNOWN;
  switch (p.unit) {
    case 's':
      return `${p.s}s`;
    case 'm':
      return `${p.m}m ${p.s}s`;
    case 'h':
      return `${p.h}h ${p.m}m`;
    case 'd':
      return `${p.d}d ${p.h}h`;
    case 'long':
      return '>99d';
  }
}

/**
 * `trying again in 4s (try 2 of 5)`, or `trying again (try 2 of 5)` once that try is under way.
 * `attempt` counts the failed tries, so the next one is attempt + 1.
 */
export function formatRetry(wait: { attempt: number; maxTries: number; at: number }, now: number): string {
  return `trying again${retryCountdown(wait.at, now)} (try ${wait.attempt + 1} of ${wait.maxTries})`;
}

/** ` in 4s` until the try at `at` (ms since the epoch) starts; '' once it has. */
export function retryCountdown(at: number, now: number): string {
  return at > now ? ` in ${formatEta((at - now) / 1000)}` : '';
}

/**
 * `42.3%`; `100%` only once everything has arrived (rounds down, so never `100.0%` early);
 * `—` while the total is unknown.
 */
export function formatPercent(received: number, total: number | null): string {
  if (total === null || !Number.isFinite(total) || total < 0 || !Number.isFinite(received)) return UNKNOWN;
  if (received >= total) return '100%';
  if (received <= 0) return '0.0%';
  return `${(Math.floor((received / total) * 1000) / 10).toFixed(1)}%`;
}

const MULTIPLIERS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };
// `1024`, `500K`, `1.5M`, `8MB`, `500KiB`, `2 g`; every prefix is binary, as in aria2 and curl.
const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:([KMGT])(?:I?B)?|B)?$/i;

function parseQuantity(text: string): number | null {
  const m = QUANTITY.exec(text.trim());
  if (!m) return null;
  const bytes = Math.round(Number(m[1]) * MULTIPLIERS[(m[2] ?? '').toUpperCase()]!);
  // Zero means neither "no limit" nor a usable size: callers use null for "unlimited".
  if (!Number.isSafeInteger(bytes) || bytes < 1) return null;
  return bytes;
}

/** A size such as `8M` or `1.5GiB`, in bytes; null if invalid, zero or too large. */
export function parseSize(text: string): number | null {
  return parseQuantity(text);
}

/** A rate such as `500K` or `8MB/s`, in bytes per second; null if invalid, zero or too large. */
export function parseRate(text: string): number | null {
  return parseQuantity(text.trim().replace(/\/s$/i, ''));
}

/**
 * A URL as shown to people and written to logs: a password in it (https://user:password@host/…)
 * becomes `***`. Not for requests: the job keeps the real URL.
 */
export function displayUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/@?#:]*):[^/@?#]*@/i.exec(url);
  return m ? `${m[1]}:***@${url.slice(m[0].length)}` : url;
}
