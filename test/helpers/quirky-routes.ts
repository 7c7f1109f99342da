// How a content route of the quirky server answers: ranges, validators, misbehaviours, paced bodies.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { STATUS_CODES, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Quirks, RequestLog, RouteSpec } from './quirky-server';
import { makeContent } from './test-content';

const FIXED_DATE = 'Mon, 01 Jan 2024 00:00:00 GMT';
const CHANGED_DATE = 'Tue, 02 Jan 2024 12:00:00 GMT';
const NOT_HEADER_BYTES = /[^\t\x20-\x7e\x80-\xff]/;

interface Version {
  source: ByteSource;
  etag: string | null;
  lastModified: string | null;
}
export interface ContentRoute {
  kind: 'content';
  quirks: Quirks;
  base: Version;
  changed: Version | null;
  disposition: string | undefined;
  requests: number;
  /** Ids of the TCP connections served this route's content, in the order they first were. */
  connections: number[];
  resets: number;
  stalls: number;
  shorts: number;
}
interface Cut {
  kind: 'reset' | 'stall' | 'short';
  at: number;
}

/** Where a response's bytes come from, so a 4 GiB file never has to sit in memory. */
interface ByteSource {
  size: number;
  /** Bytes [start, end) in chunks of about `chunk` bytes. */
  read(start: number, end: number, chunk: number): AsyncIterable<Buffer>;
}

function bufferSource(buf: Buffer): ByteSource {
  return {
    size: buf.length,
    async *read(start, end, chunk) {
      for (let at = start; at < end; at += chunk) yield buf.subarray(at, Math.min(end, at + chunk));
    },
  };
}

function fileSource(path: string, size: number): ByteSource {
  return {
    size,
    read: (start, end, chunk) =>
      end > start
        ? createReadStream(path, { start, end: end - 1, highWaterMark: chunk })
        : bufferSource(Buffer.alloc(0)).read(0, 0, 1),
  };
}

export type RangeAnswer =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number } // end inclusive, as in Content-Range
  | { kind: 'unsatisfiable' };

/**
 * One `bytes=a-b`, `a-` or `-n` range. Malformed or multi-range headers get the whole body, which
 * is what RFC 9110 allows and what most servers that skip multipart/byteranges do.
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  const m = header === undefined ? null : /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

/** If-Range holds only for a strong ETag match or an exact Last-Modified date (RFC 9110 §13.1.5). */
export function ifRangeHolds(ifRange: string, etag: string | null, lastModified: string | null): boolean {
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) {
    return etag !== null && !etag.startsWith('W/') && !value.startsWith('W/') && value === etag;
  }
  if (lastModified === null) return false;
  const a = Date.parse(value);
  return !Number.isNaN(a) && a === Date.parse(lastModified);
}

/** Chunks of ~20 ms of throttled traffic: smooth enough for stall detectors, few enough timers. */
function chunkSizeFor(rate: number): number {
  return rate > 0 ? Math.min(256 * 1024, Math.max(256, Math.floor(rate / 50))) : 256 * 1024;
}

const BURST_MS = 50;

interface PumpResult {
  /** False when the client went away (or the server closed) before every chunk was written. */
  completed: boolean;
}

/**
 * Writes chunks to `res` at no more than `rate` bytes/s (0 = unthrottled), honouring backpressure.
 * Pacing is a virtual clock that may run at most BURST_MS behind real time, i.e. a token bucket: late
 * timers are caught up but an idle period is not banked, and there is one timer per chunk, not per
 * 16 KiB write. With `flush`, resolves only once the bytes have reached the kernel, so a following
 * socket destroy cannot cancel them.
 */
async function pump(
  res: ServerResponse,
  chunks: AsyncIterable<Buffer>,
  rate: number,
  onBytes: (n: number) => void,
  flush = false,
): Promise<PumpResult> {
  let due = performance.now();
  // An empty Buffer puts the headers on the wire even if no body byte follows (a cut at 0);
  // flushHeaders() would not do: it re-encodes latin1 header bytes as UTF-8.
  let lastWrite = new Promise<boolean>((resolve) => res.write(Buffer.alloc(0), (err) => resolve(!err)));
  for await (const chunk of chunks) {
    if (gone(res)) return { completed: false };
    if (rate > 0) {
      const now = performance.now();
      due = Math.max(due, now - BURST_MS);
      if (due - now > 1 && !(await waitFor(res, due - now))) return { completed: false };
      due += (chunk.length / rate) * 1000;
    }
    if (gone(res)) return { completed: false };
    let ok = true;
    lastWrite = new Promise((resolve) => {
      ok = res.write(chunk, (err) => resolve(!err));
    });
    onBytes(chunk.length);
    if (!ok && !(await waitFor(res, null, 'drain'))) return { completed: false };
  }
  if (flush && !(await Promise.race([lastWrite, waitFor(res, null)]))) return { completed: false };
  return { completed: !gone(res) };
}

function gone(res: ServerResponse): boolean {
  // A pipelined response has no socket yet; that is not "gone".
  return res.destroyed || (res.socket?.destroyed ?? false);
}

/** Resolves true after `ms` (or on `event`), false as soon as the response closes. */
function waitFor(res: ServerResponse, ms: number | null, event?: 'drain'): Promise<boolean> {
  if (gone(res)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const finish = (ok: boolean): void => {
      if (timer) clearTimeout(timer);
      res.off('close', onClose);
      if (event) res.off(event, onEvent);
      resolve(ok);
    };
    const onClose = (): void => finish(false);
    const onEvent = (): void => finish(true);
    const timer = ms === null ? null : setTimeout(onEvent, ms);
    res.once('close', onClose);
    if (event) res.once(event, onEvent);
  });
}

export async function serveContent(route: ContentRoute, res: ServerResponse, entry: RequestLog): Promise<void> {
  const q = route.quirks;
  const version = route.changed && entry.index >= (q.changeAfter ?? Infinity) ? route.changed : route.base;
  const size = version.source.size;
  const ranges = q.ranges ?? true;
  const headers: OutgoingHttpHeaders = { 'content-type': q.contentType ?? 'application/octet-stream' };
  if (ranges) headers['accept-ranges'] = 'bytes';
  if (version.etag !== null) headers.etag = version.etag;
  if (version.lastModified !== null) headers['last-modified'] = version.lastModified;
  if (route.disposition !== undefined) headers['content-disposition'] = route.disposition;

  const ifRangeFails =
    (q.honourIfRange ?? true) &&
    entry.ifRange !== undefined &&
    !ifRangeHolds(entry.ifRange, version.etag, version.lastModified);
  const useRange = ranges && !ifRangeFails && !q.ignoreRangeFor?.includes(entry.index);
  const answer = useRange ? parseRange(entry.range, size) : { kind: 'full' as const };
  if (answer.kind === 'unsatisfiable') {
    return sendText(res, entry, 416, { ...headers, 'content-range': `bytes */${size}`, ...q.headers });
  }
  let [start, end, status] = [0, size, 200]; // end exclusive
  const wrongRange = q.wrongContentRangeFor?.includes(entry.index) ?? false;
  if (answer.kind === 'partial') {
    [start, end, status] = [answer.start, answer.end + 1, 206];
    if (wrongRange) {
      const length = end - start;
      start = start > 0 ? 0 : Math.min(1, size - 1);
      end = Math.min(size, start + length);
    }
    if (q.partsOfUnknownTotal !== undefined) end = Math.min(end, start + q.partsOfUnknownTotal);
    headers['content-range'] = `bytes ${start}-${end - 1}/${q.partsOfUnknownTotal !== undefined ? '*' : size}`;
  } else if (wrongRange && size > 1) {
    [start, status] = [1, 206];
    headers['content-range'] = `bytes 1-${size - 1}/${size}`;
  }
  const length = end - start;
  const chunked = q.contentLength === false;
  if (!chunked) headers['content-length'] = length;
  const cut = entry.method === 'HEAD' ? null : pickCut(route, length);
  // With a Content-Length the client can only notice a short body by the connection closing.
  if (cut?.kind === 'short' && !chunked) headers.connection = 'close';
  writeHead(res, entry, status, { ...headers, ...q.headers });
  if (entry.method === 'HEAD') return void res.end();

  const rate = (entry.rate = paceFor(route, entry.connection));
  const onBytes = (n: number): void => void (entry.bytesSent += n);
  let from = start;
  if (q.hold && !cut && q.hold.after < length) {
    from = start + q.hold.after;
    if (!(await pump(res, version.source.read(start, from, chunkSizeFor(rate)), rate, onBytes)).completed) return;
    entry.held = true;
    const released = await Promise.race([q.hold.until.then(() => true), waitFor(res, null)]);
    entry.held = false;
    if (!released) return;
  }
  const chunks = version.source.read(from, start + (cut ? cut.at : length), chunkSizeFor(rate));
  if (!(await pump(res, chunks, rate, onBytes, cut?.kind === 'reset')).completed) return;
  if (!cut) return void res.end();
  entry.outcome = cut.kind === 'stall' ? 'stalled' : cut.kind;
  if (cut.kind === 'short') res.end();
  else if (cut.kind === 'reset') {
    const socket = res.socket;
    // An RST that lands before the client has read the data is reported to it as a plain EOF
    // (seen on Linux loopback), so give a reading client a moment to drain first.
    if (q.resetHard) setTimeout(() => socket?.destroyed === false && socket.resetAndDestroy(), 50);
    else socket?.destroy();
  }
  // A stall simply writes nothing more; close() or the client ends it.
}

/** Bytes/s for a response on this TCP connection: `slowConnection`'s rate on its connection, else `throttle`. */
function paceFor(route: ContentRoute, connection: number): number {
  const q = route.quirks;
  if (!route.connections.includes(connection)) route.connections.push(connection);
  const slow = q.slowConnection;
  if (slow && route.connections.indexOf(connection) + 1 === slow.nth) return slow.rate;
  return q.throttle ?? 0;
}

/** At most one misbehaviour per response; each is spent only on a response it can cut short. */
function pickCut(route: ContentRoute, length: number): Cut | null {
  const q = route.quirks;
  if (q.resetAfter !== undefined && q.resetAfter < length && route.resets < (q.resetTimes ?? 1)) {
    route.resets++;
    return { kind: 'reset', at: q.resetAfter };
  }
  if (q.stallAfter !== undefined && q.stallAfter < length && route.stalls < (q.stallTimes ?? 1)) {
    route.stalls++;
    return { kind: 'stall', at: q.stallAfter };
  }
  if (q.shortBy !== undefined && q.shortBy > 0 && length > 0 && route.shorts < (q.shortTimes ?? 1)) {
    route.shorts++;
    return { kind: 'short', at: Math.max(0, length - q.shortBy) };
  }
  return null;
}

export function contentRoute(spec: RouteSpec): ContentRoute {
  const q = spec.quirks ?? {};
  let base: Version;
  if ('body' in spec) {
    base = { source: bufferSource(spec.body), etag: contentEtag(spec.body), lastModified: FIXED_DATE };
  } else {
    const stat = statSync(spec.file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    base = { source: fileSource(spec.file, stat.size), etag, lastModified: stat.mtime.toUTCString() };
  }
  if (q.etag !== undefined) base.etag = q.etag;
  if (q.lastModified !== undefined) base.lastModified = q.lastModified;
  let changed: Version | null = null;
  if (q.changeAfter !== undefined) {
    const body = q.changedBody ?? makeContent(base.source.size, 0xc4a6ed);
    changed = {
      source: bufferSource(body),
      etag: q.etag === null ? null : contentEtag(body),
      lastModified: q.lastModified === null ? null : CHANGED_DATE,
    };
  }
  const disposition = q.contentDisposition === undefined ? undefined : rawHeader(q.contentDisposition);
  return { kind: 'content', quirks: q, base, changed, disposition, requests: 0, connections: [], resets: 0, stalls: 0, shorts: 0 };
}

function contentEtag(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
}

/** Node writes header strings as latin1, one byte per char, as long as no flushHeaders() is used. */
function rawHeader(value: string | Buffer): string {
  const text = typeof value === 'string' ? value : value.toString('latin1');
  if (NOT_HEADER_BYTES.test(text)) {
    const hint = 'needs latin1 chars without controls (pass a Buffer for UTF-8)';
    throw new TypeError(`header value ${hint}: ${JSON.stringify(text)}`);
  }
  return text;
}

/** setHeader one by one so that a quirk's `Accept-Ranges` replaces our `accept-ranges`. */
function writeHead(res: ServerResponse, entry: RequestLog, status: number, headers: OutgoingHttpHeaders): void {
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
  entry.status = status;
  res.writeHead(status);
}

export function sendText(res: ServerResponse, entry: RequestLog, status: number, headers: OutgoingHttpHeaders = {}) {
  const text = Buffer.from(`${status} ${STATUS_CODES[status] ?? 'Status'}\n`);
  const type = 'text/plain; charset=utf-8';
  writeHead(res, entry, status, { 'content-type': type, ...headers, 'content-length': text.length });
  // A Buffer, never a string: a string body would make Node re-encode latin1 header bytes as UTF-8.
  res.end(entry.method === 'HEAD' ? undefined : text);
}

