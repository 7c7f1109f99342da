import { describe, expect, it } from 'vitest';
import { parseChecksum, parseChecksumFile } from './checksum';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA512 = 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e';

describe('parseChecksum', () => {
  it('accepts algo=hex and algo:hex', () => {
    expect(parseChecksum(`sha256=${SHA256}`)).toEqual({ algo: 'sha256', hex: SHA256 });
    expect(parseChecksum(`md5:${MD5}`)).toEqual({ algo: 'md5', hex: MD5 });
    expect(parseChecksum(`sha512 = ${SHA512}`)).toEqual({ algo: 'sha512', hex: SHA512 });
  });

  it("accepts aria2's sha-256= spelling and upper case, and returns lower-case hex", () => {
    expect(parseChecksum(`sha-256=${SHA256}`)).toEqual({ algo: 'sha256', hex: SHA256 });
    expect(parseChecksum(`SHA-1=${SHA1.toUpperCase()}`)).toEqual({ algo: 'sha1', hex: SHA1 });
    expect(parseChecksum(`SHA256:${SHA256.toUpperCase()}`)).toEqual({ algo: 'sha256', hex: SHA256 });
  });

  it('infers the algorithm of a bare hex from its length', () => {
    expect(parseChecksum(MD5)).toEqual({ algo: 'md5', hex: MD5 });
    expect(parseChecksum(`  ${SHA1}\n`)).toEqual({ algo: 'sha1', hex: SHA1 });
    expect(parseChecksum(SHA256.toUpperCase())).toEqual({ algo: 'sha256', hex: SHA256 });
    expect(parseChecksum(SHA512)).toEqual({ algo: 'sha512', hex: SHA512 });
  });

  it('rejects a truncated hex, a length that fits no algorithm, non-hex and unknown algorithms', () => {
    expect(parseChecksum(`sha256=${SHA256.slice(1)}`)).toEqual({ error: expect.stringContaining('64') });
    expect(parseChecksum(`sha1=${MD5}`)).toEqual({ error: expect.stringContaining('40') });
    expect(parseChecksum('abc123')).toEqual({ error: expect.stringContaining('got 6') });
    expect(parseChecksum(`sha256=${SHA256.slice(0, 63)}g`)).toEqual({ error: expect.stringContaining('not hexadecimal') });
    expect(parseChecksum(`crc32=${MD5}`)).toEqual({ error: expect.stringContaining('crc32') });
    expect(parseChecksum('   ')).toEqual({ error: expect.stringContaining('empty') });
    expect(parseChecksum('sha256=')).toHaveProperty('error');
  });
});

describe('parseChecksumFile', () => {
  it('reads a lone hex (a typical .sha256 file)', () => {
    expect(parseChecksumFile(`${SHA256}\n`, 'app.iso')).toBe(SHA256);
  });

  it('reads `<hex>  name` and `<hex> *name` lines, whatever name the only line carries', () => {
    expect(parseChecksumFile(`${SHA256}  app.iso\n`, 'app.iso')).toBe(SHA256);
    expect(parseChecksumFile(`${MD5} *app.iso\r\n`, 'app.iso')).toBe(MD5);
    expect(parseChecksumFile(`${SHA1}  renamed-on-server.iso\n`, 'app.iso')).toBe(SHA1);
  });

  it('picks the line for the file from a SHA256SUMS list, by exact or base name', () => {
    const other = 'a'.repeat(64);
    const sums = `# release sums\n${other}  app-arm64.iso\n${SHA256.toUpperCase()}  app-amd64.iso\n\n${'b'.repeat(64)} *docs.zip\n`;
    expect(parseChecksumFile(sums, 'app-amd64.iso')).toBe(SHA256);
    expect(parseChecksumFile(sums, 'docs.zip')).toBe('b'.repeat(64));
    expect(parseChecksumFile(`${SHA256}  ./dist/app.iso\n${other}  ./dist/app.zip`, 'app.iso')).toBe(SHA256);
    expect(parseChecksumFile(sums, 'missing.iso')).toBeNull();
  });

  it('reads BSD-style `SHA256 (name) = hex` lines', () => {
    const bsd = `SHA256 (app.zip) = ${'c'.repeat(64)}\nSHA256 (app (1).iso) = ${SHA256}\n`;
    expect(parseChecksumFile(bsd, 'app (1).iso')).toBe(SHA256);
    expect(parseChecksumFile(`MD5 (app.iso) = ${MD5}`, 'other.iso')).toBe(MD5);
  });

  it('unescapes GNU names with backslashes', () => {
    expect(parseChecksumFile(`\\${SHA256}  we\\\\ird\\nname\n${MD5}  plain`, 'we\\ird\nname')).toBe(SHA256);
  });

  it('returns null for text that holds no checksum', () => {
    expect(parseChecksumFile('<html>Not Found</html>', 'app.iso')).toBeNull();
    expect(parseChecksumFile('', 'app.iso')).toBeNull();
    expect(parseChecksumFile(`${SHA256.slice(2)}  app.iso`, 'app.iso')).toBeNull();
  });
});
