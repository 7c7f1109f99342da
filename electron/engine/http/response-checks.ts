// What a response says about the resource, and whether it answers exactly the range asked for.
// Per the durability rule, bytes from a response that fails these checks are never written.
import { header, type Headers, type OpenedResponse } from './http-client';
import type { RestartCause } from '../../../shared/models/job-note';

export interface ContentRange {
  start: number;
  /** Inclusive, as on the wire. */
  end: number;
  total: number | null;
}

export function parseContentRange(value: string | undefined): ContentRange | null {
  if (!value) return null;
  const m = /^\s*bytes\s+(\d+)-(\d+)\s*\/\s*(\d+|\*)\s*$/i.exec(value);
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const total = m[3] === '*' ? null : Number(m[3]);
  if (end < start || (total !== null && end >= total)) return null;
  return { start, end, total };
}

// Total from a 416 answer ("bytes */N").
export function parseUnsatisfiedTotal(value: string | undefined): number | null {
  const m = value ? /^\s*bytes\s+\*\s*\/\s*(\d+)\s*$/i.exec(value) : null;
  return m ? Number(m[1]) : null;
}

export interface ResourceInfo {
  /** Total size, or null when the server does not say. */
  total: number | null;
  /** The server answered our range with 206, or advertises byte ranges. */
  acceptRanges: boolean;
  etag: string | null;
  lastModified: string | null;
  contentDisposition: string | null;
  contentType: string | null;
  /** A compressed body's length is not the file's length: ranges are off. */
  encoded: boolean;
}

export function describeResponse(res: OpenedResponse): ResourceInfo {
  const h = res.headers;
  const encoding = header(h, 'content-encoding');
  const encoded = !!encoding && encoding.toLowerCase() !== 'identity';
  let total: number | null = null;
  let acceptRanges = false;
  if (res.status === 206) {
    const cr = parseContentRange(header(h, 'content-range'));
    total = cr?.total ?? null;
    acceptRanges = cr !== null && cr.start === 0 && total !== null;
  } else {
    total = parseLength(header(h, 'content-length'));
    acceptRanges = /\bbytes\b/i.test(header(h, 'accept-ranges') ?? '') && total !== null;
  }
  return {
    total: encoded ? null : total,
    acceptRanges: acceptRanges && !encoded,
    etag: header(h, 'etag') ?? null,
    lastModified: header(h, 'last-modified') ?? null,
    contentDisposition: header(h, 'content-disposition') ?? null,
    contentType: header(h, 'content-type') ?? null,
    encoded,
  };
}

export function parseLength(value: string | undefined): number | null {
  if (!value || !/^\s*\d+\s*$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

export type RangeVerdict =
  | { ok: true }
  | { ok: false; kind: 'range-ignored' | 'content-changed'; restart: RestartCause };

export interface Expected {
  start: number;
  total: number | null;
  etag: string | null;
  lastModified: string | null;
}

/** Does a response to `Range: bytes=start-…` answer exactly that range of the same content? */
export function checkRangeResponse(headers: Headers, status: number, want: Expected): RangeVerdict {
  const etag = header(headers, 'etag') ?? null;
  const lastModified = header(headers, 'last-modified') ?? null;
  if (want.etag && etag && etag !== want.etag) {
    return { ok: false, kind: 'content-changed', restart: { why: 'changed', what: 'etag', before: want.etag, after: etag } };
  }
  if (want.lastModified && lastModified && lastModified !== want.lastModified) {
    return { ok: false, kind: 'content-changed', restart: { why: 'changed', what: 'lastModified', before: want.lastModified, after: lastModified } };
  }
  if (status === 200) {
    const len = parseLength(header(headers, 'content-length'));
    if (want.total !== null && len !== null && len !== want.total) {
      return { ok: false, kind: 'content-changed', restart: { why: 'changed', what: 'size', before: String(want.total), after: String(len) } };
    }
    return { ok: false, kind: 'range-ignored', restart: { why: 'rangeIgnored' } };
  }
  if (status !== 206) return { ok: false, kind: 'content-changed', restart: { why: 'unexpectedStatus', status } };
  const cr = parseContentRange(header(headers, 'content-range'));
  if (!cr) return { ok: false, kind: 'content-changed', restart: { why: 'noContentRange' } };
  if (want.total !== null && cr.total !== null && cr.total !== want.total) {
    return { ok: false, kind: 'content-changed', restart: { why: 'changed', what: 'size', before: String(want.total), after: String(cr.total) } };
  }
  if (cr.start !== want.start) {
    return { ok: false, kind: 'content-changed', restart: { why: 'wrongStart', got: cr.start, want: want.start } };
  }
  return { ok: true };
}

/** If-Range takes a strong ETag or a date; weak ETags are not allowed there. */
export function ifRangeValidator(etag: string | null, lastModified: string | null): string | null {
  if (etag && !etag.startsWith('W/')) return etag;
  return lastModified ?? null;
}
