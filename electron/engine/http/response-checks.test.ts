import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Headers, OpenedResponse, ResponseBody } from './http-client';
import {
  checkRangeResponse,
  describeResponse,
  ifRangeValidator,
  parseContentRange,
  parseLength,
  parseUnsatisfiedTotal,
  type Expected,
} from './response-checks';
import { causeText } from '../../../shared/models/job-note';

/** An OpenedResponse as http-client returns it (lower-cased header names); the body is never read here. */
function opened(status: number, headers: Headers): OpenedResponse {
  return {
    status,
    statusText: '',
    headers,
    body: Readable.from([]) as unknown as ResponseBody,
    finalUrl: 'http://127.0.0.1/file.bin',
  };
}

describe('parseContentRange', () => {
  it('reads start, inclusive end and total', () => {
    expect(parseContentRange('bytes 0-99/100')).toEqual({ start: 0, end: 99, total: 100 });
    expect(parseContentRange('bytes 500-999/*')).toEqual({ start: 500, end: 999, total: null });
    expect(parseContentRange('  Bytes 1-1 / 2 ')).toEqual({ start: 1, end: 1, total: 2 });
    expect(parseContentRange('bytes 0-4294967295/4294967296')).toEqual({ start: 0, end: 4294967295, total: 4294967296 });
  });

  it('rejects malformed or impossible ranges', () => {
    for (const v of [
      undefined,
      '',
      'bytes */100', // the 416 form carries no range
      'bytes 100-99/200', // end before start
      'bytes 0-100/100', // end past the total
      'bytes 0-/100',
      'bytes -5/100',
      'bytes=0-99/100',
      'items 0-99/100',
      'bytes 0-99',
      'bytes 0x10-20/30',
      'bytes 0-99/100, bytes 0-99/100',
    ]) {
      expect(parseContentRange(v)).toBeNull();
    }
  });
});

describe('parseUnsatisfiedTotal and parseLength', () => {
  it('reads the total of a 416 answer', () => {
    expect(parseUnsatisfiedTotal('bytes */1234')).toBe(1234);
    expect(parseUnsatisfiedTotal('bytes */0')).toBe(0);
    expect(parseUnsatisfiedTotal('bytes 0-1/2')).toBeNull();
    expect(parseUnsatisfiedTotal(undefined)).toBeNull();
  });

  it('reads Content-Length, refusing junk and unsafe integers', () => {
    expect(parseLength('1048576')).toBe(1_048_576);
    expect(parseLength(' 0 ')).toBe(0);
    for (const v of [undefined, '', '-1', '1.5', '12abc', '1e6', '99999999999999999999']) expect(parseLength(v)).toBeNull();
  });
});

describe('describeResponse', () => {
  it('200 with Content-Length and Accept-Ranges: bytes', () => {
    const info = describeResponse(
      opened(200, {
        'content-length': '5000',
        'accept-ranges': 'bytes',
        etag: '"abc"',
        'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT',
        'content-disposition': 'attachment; filename="a.bin"',
        'content-type': 'application/octet-stream',
      }),
    );
    expect(info).toEqual({
      total: 5000,
      acceptRanges: true,
      etag: '"abc"',
      lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT',
      contentDisposition: 'attachment; filename="a.bin"',
      contentType: 'application/octet-stream',
      encoded: false,
    });
  });

  it('200 without range support or without a length cannot be split', () => {
    expect(describeResponse(opened(200, { 'content-length': '5000' })).acceptRanges).toBe(false);
    expect(describeResponse(opened(200, { 'content-length': '5000', 'accept-ranges': 'none' })).acceptRanges).toBe(false);
    const noLength = describeResponse(opened(200, { 'accept-ranges': 'bytes' }));
    expect(noLength).toMatchObject({ total: null, acceptRanges: false, etag: null, lastModified: null });
  });

  it('206 from the first byte: ranges work and the total comes from Content-Range', () => {
    const info = describeResponse(opened(206, { 'content-range': 'bytes 0-4999/123456', 'content-length': '5000' }));
    expect(info).toMatchObject({ total: 123456, acceptRanges: true, encoded: false });
  });

  it('206 with an unknown total or not from byte 0 is not trusted for splitting', () => {
    expect(describeResponse(opened(206, { 'content-range': 'bytes 0-4999/*' }))).toMatchObject({ total: null, acceptRanges: false });
    expect(describeResponse(opened(206, { 'content-range': 'bytes 10-4999/5000' })).acceptRanges).toBe(false);
    expect(describeResponse(opened(206, {})).acceptRanges).toBe(false);
  });

  it('an encoded body has no usable length and no ranges', () => {
    for (const res of [
      opened(200, { 'content-length': '5000', 'accept-ranges': 'bytes', 'content-encoding': 'gzip' }),
      opened(206, { 'content-range': 'bytes 0-99/5000', 'content-encoding': 'br' }),
    ]) {
      expect(describeResponse(res)).toMatchObject({ total: null, acceptRanges: false, encoded: true });
    }
  });

  it('Content-Encoding: identity is not an encoding', () => {
    const info = describeResponse(opened(200, { 'content-length': '10', 'accept-ranges': 'bytes', 'content-encoding': 'Identity' }));
    expect(info).toMatchObject({ total: 10, acceptRanges: true, encoded: false });
  });

  it('uses the first of repeated headers', () => {
    const info = describeResponse(opened(200, { 'content-length': '10', etag: ['"one"', '"two"'] }));
    expect(info.etag).toBe('"one"');
  });
});

describe('checkRangeResponse', () => {
  const want: Expected = { start: 1000, total: 5000, etag: '"v1"', lastModified: 'Wed, 21 Oct 2015 07:28:00 GMT' };
  const good = { 'content-range': 'bytes 1000-4999/5000', etag: '"v1"', 'last-modified': want.lastModified! };

  it('accepts the exact range of the same content', () => {
    expect(checkRangeResponse(good, 206, want)).toEqual({ ok: true });
    // Validators the server leaves out are no evidence of change.
    expect(checkRangeResponse({ 'content-range': 'bytes 1000-1999/5000' }, 206, want)).toEqual({ ok: true });
    expect(checkRangeResponse(good, 206, { ...want, etag: null, lastModified: null })).toEqual({ ok: true });
  });

  it('a changed ETag means the content changed', () => {
    const v = checkRangeResponse({ ...good, etag: '"v2"' }, 206, want);
    expect(v).toMatchObject({ ok: false, kind: 'content-changed' });
    expect(!v.ok && v.restart).toEqual({ why: 'changed', what: 'etag', before: '"v1"', after: '"v2"' });
    expect(!v.ok && causeText(v.restart)).toContain('"v2"');
  });

  it('a changed Last-Modified means the content changed', () => {
    const v = checkRangeResponse({ ...good, 'last-modified': 'Thu, 22 Oct 2015 07:28:00 GMT' }, 206, want);
    expect(v).toMatchObject({ ok: false, kind: 'content-changed', restart: { why: 'changed', what: 'lastModified', after: 'Thu, 22 Oct 2015 07:28:00 GMT' } });
  });

  it('a 200 to a range request means the range was ignored', () => {
    const v = checkRangeResponse({ 'content-length': '5000', etag: '"v1"' }, 200, want);
    expect(v).toMatchObject({ ok: false, kind: 'range-ignored' });
  });

  it('a 200 of a different size means the content changed', () => {
    const v = checkRangeResponse({ 'content-length': '6000' }, 200, want);
    expect(v).toMatchObject({ ok: false, kind: 'content-changed' });
    expect(!v.ok && v.restart).toEqual({ why: 'changed', what: 'size', before: '5000', after: '6000' });
    expect(!v.ok && causeText(v.restart)).toBe('the file changed on the server (size 5000 → 6000)');
  });

  it('bytes from another offset are never accepted', () => {
    const v = checkRangeResponse({ ...good, 'content-range': 'bytes 0-4999/5000' }, 206, want);
    expect(v).toMatchObject({ ok: false, kind: 'content-changed' });
    expect(!v.ok && v.restart).toEqual({ why: 'wrongStart', got: 0, want: 1000 });
    expect(!v.ok && causeText(v.restart)).toMatch(/from 0 instead of 1000/);
  });

  it('a different total means the content changed', () => {
    const v = checkRangeResponse({ ...good, 'content-range': 'bytes 1000-4999/7000' }, 206, want);
    expect(v).toMatchObject({ ok: false, kind: 'content-changed' });
    // With an unknown expected total any total is fine.
    expect(checkRangeResponse({ ...good, 'content-range': 'bytes 1000-4999/7000' }, 206, { ...want, total: null })).toEqual({ ok: true });
  });

  it('a 206 without a valid Content-Range is refused', () => {
    for (const h of [{ etag: '"v1"' }, { 'content-range': 'bytes junk' }]) {
      expect(checkRangeResponse(h, 206, want)).toMatchObject({ ok: false, kind: 'content-changed' });
    }
  });

  it('any other status is refused', () => {
    expect(checkRangeResponse(good, 204, want)).toMatchObject({ ok: false });
  });
});

describe('ifRangeValidator', () => {
  it('prefers a strong ETag', () => {
    expect(ifRangeValidator('"abc"', 'Wed, 21 Oct 2015 07:28:00 GMT')).toBe('"abc"');
  });

  it('falls back to the date for a weak or missing ETag', () => {
    expect(ifRangeValidator('W/"abc"', 'Wed, 21 Oct 2015 07:28:00 GMT')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(ifRangeValidator(null, 'Wed, 21 Oct 2015 07:28:00 GMT')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
  });

  it('is null when there is nothing safe to send', () => {
    expect(ifRangeValidator('W/"abc"', null)).toBeNull();
    expect(ifRangeValidator(null, null)).toBeNull();
  });
});
