// The add dialog's reading of its box: what a person pastes, what they see marked, what is added.
import { describe, expect, it } from 'vitest';
import { afterAdd, buildItems, withRefusals } from './build-items';
import { checkText, splitLines } from './check-lines';
import { checkInChunks } from './chunked-check';

describe('checkText', () => {
  it('marks each line good or bad with its number and reason, skipping blanks and comments', () => {
    const text = ['https://example.com/a.iso', '', '# my list', 'example.com/b.zip', 'ftp://example.com/c', 'hello there', 'http://x.org/1 http://x.org/2', 'C:\\Users\\me\\file.txt', 'https://'].join('\n');
    const r = checkText(text);
    expect(r.good.map((g) => [g.line, g.url])).toEqual([[1, 'https://example.com/a.iso']]);
    expect(r.bad).toEqual([
      { line: 4, reason: { key: 'missingScheme' } },
      { line: 5, reason: { key: 'protocol', detail: 'ftp' } },
      { line: 6, reason: { key: 'notUrl' } },
      { line: 7, reason: { key: 'severalOnLine' } },
      { line: 8, reason: { key: 'filePath' } },
      { line: 9, reason: { key: 'missingHost' } },
    ]);
    expect([r.total, r.lines]).toEqual([1, 9]);
  });

  it('counts a numbered pattern before anything is added, and refuses one that makes too many', () => {
    const r = checkText('https://host.example/img[001-120].jpg\nhttps://host.example/{amd64,arm64}/v[1-3].deb\nhttps://host.example/[1-20000].bin\nhttps://host.example/[9-1].bin');
    expect(r.good.map((g) => [g.line, g.count, g.pattern])).toEqual([[1, 120, true], [2, 6, true]]);
    expect(r.total).toBe(126);
    expect(r.bad).toEqual([{ line: 3, reason: { key: 'patternTooMany' } }, { line: 4, reason: { key: 'patternBad' } }]);
  });

  it('keeps a URL with brackets that are no pattern as one address', () => {
    const r = checkText('https://example.com/get?a[]=1&b={"x":2}');
    expect(r.good.map((g) => [g.count, g.pattern])).toEqual([[1, false]]);
  });

  it('reads aria2 option lines under their URL, and marks a stray option line by its own number', () => {
    const r = checkText('https://example.com/a.bin\n  out=renamed.bin\n  header=X-Token: abc\nout=stray.bin\n  header=broken');
    expect(r.good).toEqual([{ line: 1, url: 'https://example.com/a.bin', count: 1, pattern: false, name: 'renamed.bin', headers: { 'X-Token': 'abc' } }]);
    expect(r.bad.map((b) => [b.line, b.reason.key])).toEqual([[4, 'optionNotIndented']]);
  });

  it('reads a pasted curl command as its URL with its headers, over several lines', () => {
    const curl = "curl 'https://cdn.example.com/video.mp4?sig=1' \\\n  -H 'Referer: https://example.com/' \\\n  -H 'Cookie: s=abc' \\\n  -H 'Accept-Encoding: gzip' \\\n  --compressed";
    const r = checkText(curl);
    expect(r.good).toEqual([{ line: 1, url: 'https://cdn.example.com/video.mp4?sig=1', count: 1, pattern: false, headers: { referer: 'https://example.com/', cookie: 's=abc' } }]);
    expect(checkText("curl -X POST 'https://example.com/api'").bad).toEqual([{ line: 1, reason: { key: 'curlMethod' } }]);
    expect(checkText("curl -d 'a=1' https://example.com/").bad).toEqual([{ line: 1, reason: { key: 'curlData' } }]);
  });
});

describe('curl commands among other lines', () => {
  it('reads each curl command with its continuation lines as one download, between plain addresses', () => {
    const text = [
      'https://a.example/1.zip',
      "curl 'https://cdn.example.com/v.mp4' \\",
      "  -H 'Referer: https://example.com/'",
      'https://a.example/2.zip',
      'curl ^"https://cdn.example.com/w.mp4^" ^',
      '  -H ^"X-Token: t1^"',
      "curl -X DELETE 'https://api.example.com/thing'",
    ].join('\n');
    const r = checkText(text);
    expect(r.good.map((g) => [g.line, g.url, g.headers ?? null])).toEqual([
      [1, 'https://a.example/1.zip', null],
      [2, 'https://cdn.example.com/v.mp4', { referer: 'https://example.com/' }],
      [4, 'https://a.example/2.zip', null],
      [5, 'https://cdn.example.com/w.mp4', { 'x-token': 't1' }],
    ]);
    expect(r.bad).toEqual([{ line: 7, reason: { key: 'curlMethod' } }]);
  });
});

describe('adding and what stays in the box', () => {
  it('expands patterns into items carrying the options, each mapped to its line', () => {
    const checks = checkText('https://h.example/p[1-3].jpg\nnot a url\nhttps://h.example/x.iso');
    const batch = buildItems(checks, { dir: '/data', connections: 4, speedLimit: 1024, paused: true, headers: { Referer: 'https://h.example/' }, name: 'ignored-for-many.bin' });
    expect(batch.items.map((i) => i.url)).toEqual(['https://h.example/p1.jpg', 'https://h.example/p2.jpg', 'https://h.example/p3.jpg', 'https://h.example/x.iso']);
    expect(batch.lineOf).toEqual([1, 1, 1, 3]);
    expect(batch.items[3]).toEqual({ url: 'https://h.example/x.iso', dir: '/data', connections: 4, speedLimit: 1024, paused: true, headers: { Referer: 'https://h.example/' } });
  });

  it("lets a line's own headers replace the dialog's, whatever their case", () => {
    const batch = buildItems(checkText("curl 'https://h.example/v.mp4' -H 'Referer: https://a/'"), { headers: { Referer: 'https://b/', 'X-Other': '1' } });
    expect(batch.items[0]!.headers).toEqual({ 'X-Other': '1', referer: 'https://a/' });
  });

  it('gives the file name, checksum and mirrors only to a single download', () => {
    const batch = buildItems(checkText('https://h.example/x.iso'), { name: 'mine.iso', checksum: 'sha256=ab', mirrors: ['https://m.example/x.iso'] });
    expect(batch.items).toEqual([{ url: 'https://h.example/x.iso', name: 'mine.iso', checksum: 'sha256=ab', mirrors: ['https://m.example/x.iso'] }]);
  });

  it('keeps bad lines and the lines the engine refused, by their line numbers, and drops the added ones', () => {
    const text = 'https://a.example/1\nnope\n\nhttps://b.example/2\n  out=two.bin\nhttps://c.example/3';
    const checks = checkText(text);
    const batch = buildItems(checks, {});
    // The engine refused item 1 (line 4) and added the others.
    const after = afterAdd(text, checks, batch, { ids: ['j1', 'j3'], rejected: [{ index: 1, input: 'https://b.example/2', error: { code: 'HAUL_E_INVALID_INPUT', message: 'dir: the folder must be a full path' } }] });
    expect(after.text).toBe('nope\nhttps://b.example/2\n  out=two.bin');
    expect(after.added).toBe(2);
    // Checked again, the refused line shows the engine's reason instead of passing.
    const again = withRefusals(checkText(after.text), splitLines(after.text), after.refused);
    expect(again.good).toEqual([]);
    expect(again.bad.map((b) => [b.line, b.reason.key])).toEqual([[1, 'notUrl'], [2, 'other']]);
    expect(again.bad[1]!.reason.detail).toBe('dir: the folder must be a full path');
  });
});

describe('checkInChunks', () => {
  it('checks 10,000 lines a slice at a time, giving the page back between slices, to the same result', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => (i % 100 === 99 ? `bad line ${i}` : `https://files.example/${i}.bin`));
    const text = lines.join('\n');
    let yields = 0;
    const r = await checkInChunks(text, { linesPerChunk: 500, yieldTo: async () => void yields++ });
    expect(r).toEqual(checkText(text));
    expect([r!.good.length, r!.bad.length, r!.total]).toEqual([9_900, 100, 9_900]);
    expect(r!.bad[0]).toEqual({ line: 100, reason: { key: 'notUrl' } });
    expect(yields).toBe(20);
  });

  it('stops when a newer text takes over', async () => {
    const controller = new AbortController();
    const text = Array.from({ length: 5_000 }, (_, i) => `https://files.example/${i}.bin`).join('\n');
    const r = await checkInChunks(text, { linesPerChunk: 500, signal: controller.signal, yieldTo: async () => controller.abort() });
    expect(r).toBeNull();
  });
});
