import { describe, it, expect } from 'vitest';
import { parseUrlList, validateDownloadUrl, MAX_LINE_LENGTH } from './url-list';

const urls = (text: string): string[] => parseUrlList(text).entries.map((e) => e.url);

describe('validateDownloadUrl', () => {
  it('accepts http and https with a host, normalized', () => {
    expect(validateDownloadUrl('https://example.com/file.zip')).toEqual({ ok: true, url: 'https://example.com/file.zip' });
    expect(validateDownloadUrl('  HTTP://Example.COM  ')).toEqual({ ok: true, url: 'http://example.com/' });
    expect(validateDownloadUrl('http://127.0.0.1:8080/a b')).toEqual({ ok: true, url: 'http://127.0.0.1:8080/a%20b' });
    expect(validateDownloadUrl('http://[::1]:9/x')).toEqual({ ok: true, url: 'http://[::1]:9/x' });
    expect(validateDownloadUrl('https://例え.jp/a')).toEqual({ ok: true, url: 'https://xn--r8jz45g.jp/a' });
  });

  it('allows credentials in the URL', () => {
    expect(validateDownloadUrl('https://user:secret@example.com/f')).toEqual({
      ok: true,
      url: 'https://user:secret@example.com/f',
    });
  });

  it.each([
    ['ftp://example.com/f', 'unsupported protocol "ftp:" (only http and https)'],
    ['javascript:alert(1)', 'unsupported protocol "javascript:" (only http and https)'],
    ['data:text/plain,hi', 'unsupported protocol "data:" (only http and https)'],
    ['file:///etc/passwd', 'unsupported protocol "file:" (only http and https)'],
    ['MAILTO:a@b.c', 'unsupported protocol "mailto:" (only http and https)'],
    ['hello', 'not a URL'],
    ['/home/me/file.zip', 'not a URL'],
    ['C:\\Users\\me\\file.zip', 'not a URL (looks like a file path)'],
    ['http://', 'missing host'],
    ['https://', 'missing host'],
    ['http:///', 'missing host'],
    ['http://?q=1', 'missing host'],
    ['http://exa mple.com/', 'invalid URL'],
    ['http://:80/', 'invalid URL'],
    ['www.example.com/file.zip', 'missing http:// or https://'],
    ['example.com:8080/file.zip', 'missing http:// or https://'],
    ['localhost:8080/file.zip', 'missing http:// or https://'],
    ['10.0.0.1/file.zip', 'missing http:// or https://'],
    ['//cdn.example.com/file.zip', 'missing http:// or https://'],
    ['https://a.example/x https://b.example/y', 'several URLs on one line (put one per line)'],
    ['https://a.example/x\thttps://b.example/y', 'contains a TAB character'],
    ['https://example.com/\u0000x', 'contains a control character (U+0000)'],
    ['https://example.com/\u001bx', 'contains a control character (U+001B)'],
    ['https://example.com/\uFFFDx', 'contains invalid UTF-8 or binary data'],
    ['', 'empty'],
  ])('rejects %j: %s', (input, error) => {
    expect(validateDownloadUrl(input)).toEqual({ ok: false, error });
  });

  it('rejects over-long URLs', () => {
    const long = `https://example.com/${'a'.repeat(MAX_LINE_LENGTH)}`;
    expect(validateDownloadUrl(long)).toEqual({ ok: false, error: `URL too long (${long.length} characters)` });
  });
});

describe('parseUrlList: plain lists', () => {
  it('takes one URL per line and records 1-based line numbers', () => {
    const { entries, rejected } = parseUrlList('https://a.example/1\nhttps://a.example/2\n');
    expect(rejected).toEqual([]);
    expect(entries).toEqual([
      { url: 'https://a.example/1', line: 1 },
      { url: 'https://a.example/2', line: 2 },
    ]);
  });

  it('skips blank lines and comments, trims whitespace', () => {
    const { entries, rejected } = parseUrlList('# my list\n\n   \n  https://a.example/x  \n\t# indented comment\nhttps://b.example/y');
    expect(rejected).toEqual([]);
    expect(entries).toEqual([
      { url: 'https://a.example/x', line: 4 },
      { url: 'https://b.example/y', line: 6 },
    ]);
  });

  it('handles CRLF, CR and LF line endings with the same line numbers', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const { entries } = parseUrlList(['https://a.example/1', '', 'https://a.example/3'].join(eol));
      expect(entries.map((e) => e.line)).toEqual([1, 3]);
      expect(entries[0]!.url).toBe('https://a.example/1');
    }
  });

  it('ignores a UTF-8 BOM at the start', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('https://a.example/x\n')]);
    // TextDecoder strips the BOM itself unless told not to; a pasted string keeps it.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(parseUrlList(text)).toEqual({ entries: [{ url: 'https://a.example/x', line: 1 }], rejected: [] });
  });

  it('returns nothing for empty input', () => {
    expect(parseUrlList('')).toEqual({ entries: [], rejected: [] });
    expect(parseUrlList('\n\n# only comments\n')).toEqual({ entries: [], rejected: [] });
  });

  it('rejects bad lines with their line number and reason, keeping the good ones', () => {
    const text = [
      'https://ok.example/1', // 1
      'ftp://files.example/x', // 2
      'hello', // 3
      'http://', // 4
      'www.example.com/file.zip', // 5
      'javascript:alert(1)', // 6
      'data:text/html,<b>x</b>', // 7
      'file:///etc/passwd', // 8
      'https://ok.example/9', // 9
    ].join('\n');
    const { entries, rejected } = parseUrlList(text);
    expect(entries.map((e) => [e.line, e.url])).toEqual([
      [1, 'https://ok.example/1'],
      [9, 'https://ok.example/9'],
    ]);
    expect(rejected).toEqual([
      { line: 2, input: 'ftp://files.example/x', error: 'unsupported protocol "ftp:" (only http and https)' },
      { line: 3, input: 'hello', error: 'not a URL' },
      { line: 4, input: 'http://', error: 'missing host' },
      { line: 5, input: 'www.example.com/file.zip', error: 'missing http:// or https://' },
      { line: 6, input: 'javascript:alert(1)', error: 'unsupported protocol "javascript:" (only http and https)' },
      { line: 7, input: 'data:text/html,<b>x</b>', error: 'unsupported protocol "data:" (only http and https)' },
      { line: 8, input: 'file:///etc/passwd', error: 'unsupported protocol "file:" (only http and https)' },
    ]);
  });

  it('rejects lines over 8,192 characters and truncates them for display', () => {
    const long = `https://example.com/${'a'.repeat(9000)}`;
    const { entries, rejected } = parseUrlList(`https://ok.example/\n${long}`);
    expect(entries).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.line).toBe(2);
    expect(rejected[0]!.error).toBe(`line too long (${long.length} characters)`);
    expect(rejected[0]!.input.length).toBeLessThanOrEqual(201);
    expect(rejected[0]!.input.startsWith('https://example.com/aaa')).toBe(true);
    expect(rejected[0]!.input.endsWith('…')).toBe(true);
  });

  it('accepts a line of exactly 8,192 characters', () => {
    const url = `https://example.com/${'a'.repeat(MAX_LINE_LENGTH - 'https://example.com/'.length)}`;
    expect(url).toHaveLength(MAX_LINE_LENGTH);
    expect(urls(url)).toEqual([url]);
  });

  it('rejects binary junk and invalid UTF-8, and shows it safely', () => {
    const junk = new Uint8Array([0x68, 0x74, 0x74, 0x70, 0x3a, 0x2f, 0x2f, 0xff, 0xfe, 0x00, 0x41]);
    const decoded = new TextDecoder().decode(junk);
    const { entries, rejected } = parseUrlList(`${decoded}\nhttps://ok.example/\u0007bell\nhttps://ok.example/`);
    expect(entries).toEqual([{ url: 'https://ok.example/', line: 3 }]);
    expect(rejected.map((r) => [r.line, r.error])).toEqual([
      [1, 'contains invalid UTF-8 or binary data'],
      [2, 'contains a control character (U+0007)'],
    ]);
    // No raw control characters reach a terminal or the UI.
    const controls = (t: string): number[] => [...t].map((c) => c.charCodeAt(0)).filter((c) => c < 0x20 || c === 0x7f);
    for (const r of rejected) expect(controls(r.input)).toEqual([]);
  });

  it('does not cut a surrogate pair in half when truncating', () => {
    const line = `${'x'.repeat(199)}😀${'y'.repeat(50)}`;
    const [r] = parseUrlList(line).rejected;
    expect(r!.input).toBe(`${'x'.repeat(199)}…`);
  });
});

describe('parseUrlList: aria2 input-file form', () => {
  it('applies indented out, dir, header and checksum options to the URL above', () => {
    const text = [
      'https://a.example/file.iso',
      '  out=ubuntu.iso',
      '\tdir=/data/isos',
      '  header=Referer: https://a.example/',
      '  header=Cookie: session=abc; lang=en',
      '  checksum=sha-256=0123abcd',
      'https://b.example/other',
    ].join('\n');
    const { entries, rejected } = parseUrlList(text);
    expect(rejected).toEqual([]);
    expect(entries).toEqual([
      {
        url: 'https://a.example/file.iso',
        line: 1,
        out: 'ubuntu.iso',
        dir: '/data/isos',
        headers: { Referer: 'https://a.example/', Cookie: 'session=abc; lang=en' },
        checksum: 'sha-256=0123abcd',
      },
      { url: 'https://b.example/other', line: 7 },
    ]);
  });

  it('keeps options attached across blank lines and comments', () => {
    const { entries } = parseUrlList('https://a.example/x\n\n# name it\n  out=x.bin\n');
    expect(entries).toEqual([{ url: 'https://a.example/x', line: 1, out: 'x.bin' }]);
  });

  it('lets a repeated header (any case) replace the earlier one', () => {
    const { entries } = parseUrlList('https://a.example/x\n  header=X-Token: 1\n  header=x-token: 2\n');
    expect(entries[0]!.headers).toEqual({ 'x-token': '2' });
  });

  it('ignores unknown option keys', () => {
    const { entries, rejected } = parseUrlList('https://a.example/x\n  split=8\n  max-connection-per-server=4\n  out=x\n');
    expect(rejected).toEqual([]);
    expect(entries).toEqual([{ url: 'https://a.example/x', line: 1, out: 'x' }]);
  });

  it('rejects an option line with no URL above it', () => {
    const { entries, rejected } = parseUrlList('# header\n  out=orphan.bin\nhttps://a.example/x\n');
    expect(entries).toEqual([{ url: 'https://a.example/x', line: 3 }]);
    expect(rejected).toEqual([{ line: 2, input: 'out=orphan.bin', error: 'option line "out=…" has no URL above it' }]);
  });

  it('rejects an unindented option with a hint', () => {
    const { entries, rejected } = parseUrlList('https://a.example/x\nout=x.bin\n');
    expect(entries).toEqual([{ url: 'https://a.example/x', line: 1 }]);
    expect(rejected).toEqual([{ line: 2, input: 'out=x.bin', error: 'option "out" must be indented under its URL' }]);
  });

  it('rejects malformed option values on their own line, keeping the URL', () => {
    const text = 'https://a.example/x\n  header=NoColon\n  header=Bad Name: v\n  out=\n  header=X-Ok: fine\n';
    const { entries, rejected } = parseUrlList(text);
    expect(entries).toEqual([{ url: 'https://a.example/x', line: 1, headers: { 'X-Ok': 'fine' } }]);
    expect(rejected).toEqual([
      { line: 2, input: 'header=NoColon', error: 'header option must look like "Name: value"' },
      { line: 3, input: 'header=Bad Name: v', error: 'invalid header name "Bad Name"' },
      { line: 4, input: 'out=', error: 'empty value for option "out"' },
    ]);
  });

  it('rejects control characters in option lines (no header injection)', () => {
    const { entries, rejected } = parseUrlList('https://a.example/x\n  header=X-A: 1\u0000\n');
    expect(entries[0]!.headers).toBeUndefined();
    expect(rejected).toEqual([{ line: 2, input: 'header=X-A: 1\uFFFD', error: 'contains a control character (U+0000)' }]);
  });

  it('drops the options of a rejected URL without extra noise', () => {
    const { entries, rejected } = parseUrlList('ftp://a.example/x\n  out=x.bin\nhttps://b.example/y\n  out=y.bin\n');
    expect(entries).toEqual([{ url: 'https://b.example/y', line: 3, out: 'y.bin' }]);
    expect(rejected.map((r) => r.line)).toEqual([1]);
  });

  it('takes the first valid URI among TAB-separated mirrors and keeps the other valid ones as mirrors', () => {
    const text = 'https://m1.example/f\thttps://m2.example/f\thttps://m3.example/f\nftp://m1.example/g\thttps://m2.example/g\n' +
      'https://m1.example/h\tftp://m2.example/h\thttps://m1.example/h\n';
    const { entries, rejected } = parseUrlList(text);
    expect(rejected).toEqual([]);
    expect(entries).toEqual([
      { url: 'https://m1.example/f', line: 1, mirrors: ['https://m2.example/f', 'https://m3.example/f'] },
      { url: 'https://m2.example/g', line: 2 },
      { url: 'https://m1.example/h', line: 3 },
    ]);
  });

  it('rejects a mirror line with binary junk after the TAB', () => {
    const { entries, rejected } = parseUrlList('https://m1.example/f\t\u0000\u0001junk\n');
    expect(entries).toEqual([]);
    expect(rejected.map((r) => [r.line, r.error])).toEqual([[1, 'contains a control character (U+0000)']]);
  });

  it('reports the first mirror\'s error when no mirror is valid', () => {
    const { rejected } = parseUrlList('ftp://m1.example/f\tfile:///f\n');
    expect(rejected).toEqual([
      { line: 1, input: 'ftp://m1.example/f\tfile:///f', error: 'unsupported protocol "ftp:" (only http and https)' },
    ]);
  });
});

describe('parseUrlList: large messy input', () => {
  it('sorts 10,000 lines of URLs, 5 KB lines and binary junk without throwing', () => {
    const lines: string[] = [];
    const expectedGood: number[] = [];
    const junkBytes = new Uint8Array(300);
    for (let i = 0; i < junkBytes.length; i++) {
      const b = (i * 97 + 13) % 256;
      junkBytes[i] = b === 0x0a || b === 0x0d ? 0xff : b; // keep the line count honest
    }
    const junk = new TextDecoder().decode(junkBytes);
    for (let i = 1; i <= 10_000; i++) {
      switch (i % 5) {
        case 0:
          lines.push(`https://host${i % 17}.example/files/${i}.bin`);
          expectedGood.push(i);
          break;
        case 1:
          lines.push(`https://big.example/${'x'.repeat(5000)}?n=${i}`); // long but under the limit: valid
          expectedGood.push(i);
          break;
        case 2:
          lines.push(junk);
          break;
        case 3:
          lines.push('z'.repeat(5000)); // a 5 KB bare word
          break;
        default:
          lines.push(i % 2 ? `ftp://x/${i}` : `${'y'.repeat(9000)}`);
      }
    }
    const { entries, rejected } = parseUrlList(lines.join('\n'));
    expect(entries.map((e) => e.line)).toEqual(expectedGood);
    expect(entries.length + rejected.length).toBe(10_000);
    expect(entries[0]!.url).toMatch(/^https:\/\/big\.example\/x{5000}\?n=1$/);
    expect(rejected.find((r) => r.line === 2)!.error).toBe('contains invalid UTF-8 or binary data');
    expect(rejected.find((r) => r.line === 3)!.error).toBe('not a URL');
    expect(rejected.find((r) => r.line === 4)!.error).toBe('line too long (9000 characters)');
    expect(rejected.every((r) => r.input.length <= 201)).toBe(true);
  });
});
