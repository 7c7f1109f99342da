import { describe, it, expect } from 'vitest';
import { displayUrl, formatBytes, formatEta, formatPercent, formatRetry, formatSpeed, parseRate, parseSize, UNKNOWN } from './format';

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe('formatBytes', () => {
  it('shows bytes as whole numbers', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1)).toBe('1 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(0.4)).toBe('0 B');
  });

  it('uses binary units with 3 significant digits', () => {
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(10 * KiB)).toBe('10.0 KiB');
    expect(formatBytes(12.3 * MiB)).toBe('12.3 MiB');
    expect(formatBytes(123.4 * MiB)).toBe('123 MiB');
    expect(formatBytes(GiB)).toBe('1.00 GiB');
    expect(formatBytes(2.5 * 1024 ** 4)).toBe('2.50 TiB');
  });

  it('never shows 1024 of a unit, nor a 4-digit rounding artefact', () => {
    expect(formatBytes(1023.6)).toBe('1.00 KiB');
    expect(formatBytes(1010 * KiB)).toBe('1010 KiB');
    expect(formatBytes(1023.7 * KiB)).toBe('1.00 MiB');
    expect(formatBytes(9.996 * MiB)).toBe('10.0 MiB');
    expect(formatBytes(99.97 * MiB)).toBe('100 MiB');
  });

  it('handles unknown, negative and huge values without throwing', () => {
    expect(formatBytes(null)).toBe(UNKNOWN);
    expect(formatBytes(Number.NaN)).toBe(UNKNOWN);
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe(UNKNOWN);
    expect(formatBytes(-1536)).toBe('-1.50 KiB');
    expect(formatBytes(Number.MAX_SAFE_INTEGER)).toBe('8.00 PiB');
    expect(formatBytes(1024 ** 8)).toBe('1.00 YiB');
    expect(formatBytes(Number.MAX_VALUE)).toMatch(/ YiB$/);
  });
});

describe('formatSpeed', () => {
  it('appends /s to the byte format', () => {
    expect(formatSpeed(0)).toBe('0 B/s');
    expect(formatSpeed(1.5 * MiB)).toBe('1.50 MiB/s');
    expect(formatSpeed(800)).toBe('800 B/s');
  });

  it('shows unknown for null, NaN, infinite or negative speeds', () => {
    for (const v of [null, Number.NaN, Number.POSITIVE_INFINITY, -5]) expect(formatSpeed(v)).toBe(UNKNOWN);
  });
});

describe('formatEta', () => {
  it('formats seconds, minutes, hours and days', () => {
    expect(formatEta(0)).toBe('0s');
    expect(formatEta(45)).toBe('45s');
    expect(formatEta(59)).toBe('59s');
    expect(formatEta(60)).toBe('1m 00s');
    expect(formatEta(185)).toBe('3m 05s');
    expect(formatEta(3599)).toBe('59m 59s');
    expect(formatEta(3600)).toBe('1h 00m');
    expect(formatEta(2 * 3600 + 3 * 60 + 59)).toBe('2h 03m');
    expect(formatEta(86_400)).toBe('1d 00h');
    expect(formatEta(4 * 86_400 + 7 * 3600 + 1)).toBe('4d 07h');
    expect(formatEta(99 * 86_400 + 23 * 3600)).toBe('99d 23h');
  });

  it('rounds up so a nearly finished download never claims 0s', () => {
    expect(formatEta(0.2)).toBe('1s');
    expect(formatEta(59.5)).toBe('1m 00s');
  });

  it('caps very long ETAs at >99d', () => {
    expect(formatEta(100 * 86_400)).toBe('>99d');
    expect(formatEta(100 * 86_400 - 0.5)).toBe('>99d');
    expect(formatEta(1e15)).toBe('>99d');
  });

  it('shows unknown for null, NaN, infinite or negative values', () => {
    for (const v of [null, Number.NaN, Number.POSITIVE_INFINITY, -1]) expect(formatEta(v)).toBe(UNKNOWN);
  });
});

describe('formatPercent', () => {
  it('shows one decimal, rounded down', () => {
    expect(formatPercent(0, 1000)).toBe('0.0%');
    expect(formatPercent(423, 1000)).toBe('42.3%');
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(2, 3)).toBe('66.6%');
  });

  it('shows 100% only when everything has arrived', () => {
    expect(formatPercent(999_999, 1_000_000)).toBe('99.9%');
    expect(formatPercent(1_000_000, 1_000_000)).toBe('100%');
    expect(formatPercent(0, 0)).toBe('100%');
    expect(formatPercent(1200, 1000)).toBe('100%');
  });

  it('shows unknown when the total is unknown or invalid', () => {
    expect(formatPercent(500, null)).toBe(UNKNOWN);
    expect(formatPercent(500, Number.NaN)).toBe(UNKNOWN);
    expect(formatPercent(500, -1)).toBe(UNKNOWN);
    expect(formatPercent(Number.NaN, 1000)).toBe(UNKNOWN);
    expect(formatPercent(-5, 1000)).toBe('0.0%');
  });
});

describe('parseRate and parseSize', () => {
  it.each([
    ['1024', 1024],
    ['500K', 500 * KiB],
    ['500k', 500 * KiB],
    ['500KiB', 500 * KiB],
    ['500KB', 500 * KiB],
    ['8M', 8 * MiB],
    ['8MB', 8 * MiB],
    ['8 MiB', 8 * MiB],
    ['1.5M', 1.5 * MiB],
    ['.5M', 0.5 * MiB],
    ['2G', 2 * GiB],
    ['1T', 1024 ** 4],
    ['100B', 100],
    ['  8M  ', 8 * MiB],
  ])('parses %j as %d bytes', (text, bytes) => {
    expect(parseRate(text)).toBe(bytes);
    expect(parseSize(text)).toBe(bytes);
  });

  it('accepts a /s suffix for rates only', () => {
    expect(parseRate('500K/s')).toBe(500 * KiB);
    expect(parseRate('8MB/s')).toBe(8 * MiB);
    expect(parseSize('8MB/s')).toBeNull();
  });

  it('rounds fractional bytes to whole bytes', () => {
    expect(parseSize('1.5')).toBe(2);
    expect(parseSize('0.1K')).toBe(102);
  });

  it.each([
    '', ' ', '0', '0K', '0.0001', '-1', '-8M', 'abc', 'M', 'K8', '8X', '8Mi', '8 M B', '1e3', '1,024', '0x10',
    'NaN', 'Infinity', '8.', '1.2.3', '8M/s/s', '9'.repeat(400), '9007199254740992', '9000000T',
  ])('rejects %j', (text) => {
    expect(parseRate(text)).toBeNull();
    expect(parseSize(text)).toBeNull();
  });

  it('accepts the largest safe integer and nothing above', () => {
    expect(parseSize('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseSize('8191T')).toBe(8191 * 1024 ** 4);
    expect(parseSize('8192T')).toBeNull();
  });
});

describe('displayUrl', () => {
  it('hides the password of a URL and leaves everything else as it was', () => {
    expect(displayUrl('https://ann:s3cr%40t@example.com/a/b.iso?x=1')).toBe('https://ann:***@example.com/a/b.iso?x=1');
    expect(displayUrl('http://:only@example.com/')).toBe('http://:***@example.com/');
    expect(displayUrl('https://ann@example.com/f')).toBe('https://ann@example.com/f');
    expect(displayUrl('https://example.com/user:pass@not-credentials')).toBe('https://example.com/user:pass@not-credentials');
    expect(displayUrl('https://example.com:8443/f')).toBe('https://example.com:8443/f');
  });
});

describe('formatRetry', () => {
  it('counts the coming try and says when it starts', () => {
    expect(formatRetry({ attempt: 1, maxTries: 5, at: 10_000 }, 7_500)).toBe('trying again in 3s (try 2 of 5)');
    expect(formatRetry({ attempt: 3, maxTries: 5, at: 10_000 }, 10_000 - 95_000)).toBe('trying again in 1m 35s (try 4 of 5)');
  });

  it('drops the wait once that try is under way', () => {
    expect(formatRetry({ attempt: 4, maxTries: 5, at: 10_000 }, 10_001)).toBe('trying again (try 5 of 5)');
  });
});
