import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeWindows1252, percentDecodeBytes, redecodeLatin1 } from './text-bytes';

describe('text-bytes', () => {
  it('decodes windows-1252 per WHATWG, whatever the Node version', () => {
    expect(decodeWindows1252(Uint8Array.from([0x80, 0x92, 0x96, 0x9f, 0xe9]))).toBe('€’–Ÿé');
    // The five holes in the table stay C1 controls.
    expect(decodeWindows1252(Uint8Array.from([0x81, 0x9d]))).toBe('\u0081\u009d');
    expect(decodeBytes(Uint8Array.from([0x80]), 'ISO-8859-1')).toBe('€');
  });

  it('returns null for unknown charsets and malformed bytes', () => {
    expect(decodeBytes(Uint8Array.from([0x41]), 'x-bogus')).toBeNull();
    expect(decodeBytes(Uint8Array.from([0xc3]), 'utf-8')).toBeNull();
  });

  it('keeps invalid percent sequences literally', () => {
    expect([...percentDecodeBytes('%41%zz%4')]).toEqual([0x41, 0x25, 0x7a, 0x7a, 0x25, 0x34]);
  });

  it('re-decodes raw UTF-8 and leaves real Unicode alone', () => {
    expect(redecodeLatin1(Buffer.from('naïve', 'utf8').toString('latin1'))).toBe('naïve');
    expect(redecodeLatin1('caf\u00e9')).toBe('café');
    expect(redecodeLatin1('日本')).toBe('日本');
  });
});
