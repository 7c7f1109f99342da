import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { cookieHeaderFor, parseCookiesFile } from './cookies-file';

const FILE = [
  '# Netscape HTTP Cookie File',
  '# exported by a browser',
  '',
  '.example.com\tTRUE\t/\tFALSE\t0\tsession\tabc',
  'example.com\tFALSE\t/downloads\tFALSE\t4102444800\tdl\tyes',
  '#HttpOnly_.example.com\tTRUE\t/\tTRUE\t4102444800\tsecure_one\ts3',
  'example.com\tFALSE\t/\tFALSE\t946684800\told\texpired',
  'other.org\tFALSE\t/\tFALSE\t0\tforeign\tno',
  'tabs.test\tFALSE\t/\tFALSE\t0\ttabbed\ta\tb',
].join('\n');

describe('cookies.txt', () => {
  const cookies = parseCookiesFile(FILE, 'cookies.txt');

  it('reads every cookie line, HttpOnly ones too, and skips comments', () => {
    expect(cookies.map((c) => c.name)).toEqual(['session', 'dl', 'secure_one', 'old', 'foreign', 'tabbed']);
    expect(cookies.find((c) => c.name === 'tabbed')!.value).toBe('a\tb');
  });

  it('sends what a browser would: domain, subdomains, path, scheme and expiry matched, longest path first', () => {
    expect(cookieHeaderFor(cookies, 'https://example.com/downloads/big.iso')).toBe('dl=yes; session=abc; secure_one=s3');
    expect(cookieHeaderFor(cookies, 'http://example.com/downloads/big.iso')).toBe('dl=yes; session=abc');
    // /downloads does not cover /downloadsX, and `dl` is for example.com itself, not subdomains.
    expect(cookieHeaderFor(cookies, 'http://example.com/downloadsX/a')).toBe('session=abc');
    expect(cookieHeaderFor(cookies, 'http://cdn.example.com/downloads/a')).toBe('session=abc');
    expect(cookieHeaderFor(cookies, 'http://notexample.com/')).toBeNull();
  });

  it('a line that is not a cookie is a usage error with its number', () => {
    expect(() => parseCookiesFile('# ok\nexample.com TRUE / FALSE 0 a b\n', 'c.txt')).toThrow(UsageError);
    expect(() => parseCookiesFile('# ok\nexample.com TRUE / FALSE 0 a b\n', 'c.txt')).toThrow('--load-cookies c.txt: line 2 is not a cookie');
  });
});
