import { describe, expect, it } from 'vitest';
import { expandPattern, MAX_EXPANSION, parsePattern } from './url-patterns';

const urls = (line: string): string[] => {
  const r = expandPattern(line);
  if (!r.ok) throw new Error(r.error);
  return r.urls;
};

describe('numbered and listed URL patterns', () => {
  it('expands a zero-padded range, keeping its width, and counts it without expanding', () => {
    const line = 'https://host/img[001-120].jpg';
    expect(parsePattern(line)).toMatchObject({ ok: true, count: 120 });
    const all = urls(line);
    expect(all).toHaveLength(120);
    expect(all[0]).toBe('https://host/img001.jpg');
    expect(all[9]).toBe('https://host/img010.jpg');
    expect(all[119]).toBe('https://host/img120.jpg');
  });

  it('takes unpadded ranges, steps, letters and lists, and multiplies several', () => {
    expect(urls('https://h/p[8-11].rar')).toEqual(['https://h/p8.rar', 'https://h/p9.rar', 'https://h/p10.rar', 'https://h/p11.rar']);
    expect(urls('https://h/p[0-10:5]')).toEqual(['https://h/p0', 'https://h/p5', 'https://h/p10']);
    expect(urls('https://h/disk[a-c].iso')).toEqual(['https://h/diska.iso', 'https://h/diskb.iso', 'https://h/diskc.iso']);
    expect(urls('https://h/{amd64,arm64}/s[1-2].deb')).toEqual(['https://h/amd64/s1.deb', 'https://h/amd64/s2.deb', 'https://h/arm64/s1.deb', 'https://h/arm64/s2.deb']);
    expect(parsePattern('https://h/{a,b,c}/[01-10]/[a-d]')).toMatchObject({ ok: true, count: 120 });
  });

  it('leaves alone what only looks like a pattern', () => {
    for (const line of ['http://[::1]:8080/file.bin', 'https://h/q?a[]=1&b[0]=2', 'https://h/api?filter={"a":1,"b":2}', 'https://h/file[1].zip', 'https://h/x{y}.bin']) {
      expect(parsePattern(line)).toEqual({ ok: true, count: 1, parts: null });
      expect(urls(line)).toEqual([line]);
    }
  });

  it('refuses, with the reason, a backwards range, a zero step and more addresses than the ceiling', () => {
    expect(parsePattern('https://h/[10-1]')).toEqual({ ok: false, error: '[10-1]: the range goes backwards' });
    expect(parsePattern('https://h/[z-a]')).toEqual({ ok: false, error: '[z-a]: the range goes backwards' });
    expect(parsePattern('https://h/[1-9:0]')).toEqual({ ok: false, error: '[1-9:0]: the step must be at least 1' });
    expect(parsePattern('https://h/[1-1000000]')).toEqual({ ok: false, error: `makes more than ${MAX_EXPANSION.toLocaleString('en-US')} addresses` });
    expect(parsePattern('https://h/[1-200]/[1-200]')).toMatchObject({ ok: false });
  });
});
