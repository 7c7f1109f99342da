import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from './sanitize-file-name';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
/** True when the string survives a UTF-8 round trip, i.e. holds no half surrogate pair. */
const wellFormed = (s: string): boolean => Buffer.from(s, 'utf8').toString('utf8') === s;

describe('sanitizeFileName: hostile names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\x.exe', 'x.exe'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['/absolute/path/file.txt', 'file.txt'],
    ['C:x.exe', 'C_x.exe'],
    ['dir/', ''],
    ['..', ''],
    ['.', ''],
    ['...', ''],
    ['', ''],
    ['   ', ''],
    ['\u202e\u200b', ''],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });
});

describe('sanitizeFileName: Windows reserved device names', () => {
  it.each([
    ['CON.txt', 'CON_.txt'],
    ['con', 'con_'],
    ['Nul.', 'Nul_'],
    ['aux.tar.gz', 'aux_.tar.gz'],
    ['PRN', 'PRN_'],
    ['COM1.log', 'COM1_.log'],
    ['lpt9', 'lpt9_'],
    ['COM¹.txt', 'COM¹_.txt'],
    ['CONOUT$', 'CONOUT$_'],
    ['CON .txt', 'CON_ .txt'],
    // Not reserved: the device name must be the whole part before the first dot.
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['COM10.txt', 'COM10.txt'],
    ['my CON.txt', 'my CON.txt'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });
});

describe('sanitizeFileName: characters', () => {
  it('removes bidi overrides so the real extension shows', () => {
    expect(sanitizeFileName('a\u202Eexe.txt')).toBe('aexe.txt');
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('x\u2066y\u2069\u200E\u200F\u061Cz.pdf')).toBe('xyz.pdf');
  });

  it('removes controls, keeps line breaks as spaces', () => {
    expect(sanitizeFileName('a\u0000b\u0007c\u007f\u0085.txt')).toBe('abc.txt');
    expect(sanitizeFileName('line\r\nbreak\t.txt')).toBe('line break .txt');
  });

  it('removes zero-width junk but keeps ZWJ emoji sequences', () => {
    expect(sanitizeFileName('zero\u200Bwidth\uFEFF\u00AD.txt')).toBe('zerowidth.txt');
    expect(sanitizeFileName('👨\u200D👩\u200D👧.png')).toBe('👨\u200D👩\u200D👧.png');
  });

  it('drops lone surrogates', () => {
    expect(sanitizeFileName('a\uD800b.txt')).toBe('ab.txt');
  });

  it('replaces characters illegal on Windows or macOS', () => {
    expect(sanitizeFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
  });

  it('normalizes to NFC', () => {
    expect(sanitizeFileName('cafe\u0301.txt')).toBe('caf\u00e9.txt');
  });

  it('trims spaces and trailing dots', () => {
    expect(sanitizeFileName('  spaced  .txt  ')).toBe('spaced  .txt');
    expect(sanitizeFileName('name. . .')).toBe('name');
  });

  it('strips leading dots unless allowed', () => {
    expect(sanitizeFileName('.htaccess')).toBe('htaccess');
    expect(sanitizeFileName('...hidden.tar.gz')).toBe('hidden.tar.gz');
    expect(sanitizeFileName('.env', { allowLeadingDot: true })).toBe('.env');
    expect(sanitizeFileName('..', { allowLeadingDot: true })).toBe('');
  });

  it('keeps ordinary Unicode names intact', () => {
    for (const name of ['报告 2024.pdf', 'Привет мир.docx', 'naïve (final) [v2].tar.gz', 'a & b, c; d.txt']) {
      expect(sanitizeFileName(name)).toBe(name);
    }
  });
});

describe('sanitizeFileName: 255-byte limit', () => {
  it('truncates the stem of a 300+ byte multibyte name, keeping the extension', () => {
    const input = 'é'.repeat(200) + '.txt';
    const out = sanitizeFileName(input);
    expect(bytes(out)).toBeLessThanOrEqual(255);
    expect(out).toBe('é'.repeat(125) + '.txt');
  });

  it('keeps .tar.gz together and never splits a surrogate pair', () => {
    const out = sanitizeFileName('😀'.repeat(80) + '.tar.gz');
    expect(bytes(out)).toBeLessThanOrEqual(255);
    expect(out).toBe('😀'.repeat(62) + '.tar.gz');
    expect(wellFormed(out)).toBe(true);
  });

  it('never separates a letter from its combining mark', () => {
    const out = sanitizeFileName('q\u0307'.repeat(100));
    expect(bytes(out)).toBe(255);
    expect(out).toBe('q\u0307'.repeat(85));
  });

  it('does not drop a space into the cut before the extension', () => {
    const out = sanitizeFileName('a'.repeat(250) + ' b.pdf');
    expect(out).toBe('a'.repeat(250) + '.pdf');
  });

  it('leaves names at the limit alone', () => {
    const name = 'x'.repeat(251) + '.bin';
    expect(sanitizeFileName(name)).toBe(name);
  });
});
