// Entry-name validation and repair, link targets, and archive detection helpers.
import { describe, expect, it } from 'vitest';
import { archiveStem, isTarHeader, magicOf } from './detect';
import { gzipOriginalName } from './gz';
import { lexicalTarget } from './link-check';
import { entryComponents, sanitizeComponent } from './safe-path';
import { gzipWithName, tarHeader, TINY_TAR_BZ2, TINY_TAR_XZ, zipArchive } from './test-archives';

describe('entryComponents', () => {
  it('splits on both separators and drops "." and empty parts', () => {
    expect(entryComponents('./pkg//src/./index.js', 'posix')).toEqual(['pkg', 'src', 'index.js']);
    expect(entryComponents('pkg\\src\\index.js', 'posix')).toEqual(['pkg', 'src', 'index.js']);
    expect(entryComponents('./', 'posix')).toEqual([]);
    expect(entryComponents('a..b/..c/d..', 'posix')).toEqual(['a..b', '..c', 'd..']);
  });

  it.each([
    ['../x', '".."'],
    ['a/../../x', '".."'],
    ['a\\..\\..\\x', '".."'],
    ['/etc/passwd', 'absolute'],
    ['\\\\server\\share\\x', 'absolute'],
    ['C:/Windows/x', 'drive letter'],
    ['c:x', 'drive letter'],
    ['a\0b', 'NUL'],
    ['a/..\u200b/b', '".."'], // ".." hidden behind an invisible character
  ])('refuses %j', (name, why) => {
    expect(() => entryComponents(name, 'posix')).toThrow(expect.objectContaining({ code: 'HAUL_E_ARCHIVE_UNSAFE', message: expect.stringContaining(why) }));
  });
});

describe('sanitizeComponent', () => {
  it('keeps ordinary names, strips spoofing characters, replaces controls, normalizes to NFC', () => {
    expect(sanitizeComponent('report 2024.pdf', 'posix')).toBe('report 2024.pdf');
    expect(sanitizeComponent('photo\u202Egpj.exe', 'posix')).toBe('photogpj.exe');
    expect(sanitizeComponent('a\nb\u0007c', 'posix')).toBe('a_b_c');
    expect(sanitizeComponent('Cafe\u0301', 'posix')).toBe('Café');
    expect(sanitizeComponent('\u200b', 'posix')).toBe('_');
  });

  it('applies Windows rules on Windows only', () => {
    expect(sanitizeComponent('a:b?.txt', 'posix')).toBe('a:b?.txt');
    expect(sanitizeComponent('a:b?.txt', 'win32')).toBe('a_b_.txt');
    expect(sanitizeComponent('name. . ', 'win32')).toBe('name');
    expect(sanitizeComponent('CON', 'win32')).toBe('CON_');
    expect(sanitizeComponent('lpt1.txt', 'win32')).toBe('lpt1_.txt');
    expect(sanitizeComponent('...', 'win32')).toBe('_');
  });

  it('shortens names past 255 bytes, keeping the extension', () => {
    const out = sanitizeComponent(`${'é'.repeat(200)}.tar.gz`, 'posix');
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(255);
    expect(out.endsWith('.gz')).toBe(true);
  });
});

describe('lexicalTarget', () => {
  it('resolves relative to the link folder and refuses anything above the root', () => {
    expect(lexicalTarget(['a', 'bin'], '../lib/x')).toEqual(['a', 'lib', 'x']);
    expect(lexicalTarget(['a'], '../../x')).toBeNull();
    expect(lexicalTarget([], '/etc/passwd')).toBeNull();
    expect(lexicalTarget([], 'C:\\x')).toBeNull();
    expect(lexicalTarget(['a'], '..\\..\\x')).toBeNull();
  });
});

describe('detection helpers', () => {
  it('archiveStem drops the archive suffix, keeping .tar.gz together', () => {
    expect(['foo.tar.gz', 'bar.zip', 'x.TGZ', 'data.csv.gz', 'noext', 'v1.2.tar.xz', 'file.bin'].map(archiveStem)).toEqual([
      'foo',
      'bar',
      'x',
      'data.csv',
      'noext',
      'v1.2',
      'file',
    ]);
  });

  it('magicOf recognizes each format by its first bytes', () => {
    expect(magicOf(zipArchive([{ name: 'a', data: 'a' }]))).toBe('zip');
    expect(magicOf(gzipWithName(Buffer.from('x'), 'x'))).toBe('gzip');
    expect(magicOf(TINY_TAR_BZ2)).toBe('bzip2');
    expect(magicOf(TINY_TAR_XZ)).toBe('xz');
    expect(magicOf(tarHeader({ name: 'a.txt' }, 1))).toBe('tar');
    expect(magicOf(Buffer.from('just text'))).toBeNull();
  });

  it('isTarHeader checks the checksum, not just the magic', () => {
    const h = tarHeader({ name: 'a.txt' }, 10);
    expect(isTarHeader(h)).toBe(true);
    h[0] = 0x62;
    expect(isTarHeader(h)).toBe(false);
  });

  it('gzipOriginalName reads FNAME (UTF-8 or latin1), or null', () => {
    expect(gzipOriginalName(gzipWithName(Buffer.from('x'), Buffer.from('naïve.txt', 'utf8')))).toBe('naïve.txt');
    expect(gzipOriginalName(gzipWithName(Buffer.from('x'), Buffer.from('na\xefve.txt', 'latin1')))).toBe('naïve.txt');
    expect(gzipOriginalName(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]))).toBeNull();
  });
});
