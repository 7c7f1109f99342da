// Byte-level helpers for header and URL text. undici hands header values over as latin1 strings
// (one char per byte), so "the bytes" of a value are its char codes.

import { TextDecoder, TextEncoder } from 'node:util';

const utf8Encoder = new TextEncoder();

/** The bytes behind a latin1-decoded string; chars above U+00FF (already Unicode) are UTF-8 encoded. */
export function toBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code <= 0xff) bytes.push(code);
    else bytes.push(...utf8Encoder.encode(ch));
  }
  return Uint8Array.from(bytes);
}

/** True when every char fits in one byte, i.e. the string can still be re-decoded. */
export function isByteString(text: string): boolean {
  return !/[\u0100-\uffff]/.test(text);
}

export function isAscii(text: string): boolean {
  return !/[^\p{ASCII}]/u.test(text);
}

// Strict decoders by charset label (null: unknown label). A non-streaming decode keeps no state,
// so one decoder per label serves every call; there are a few dozen labels at most.
const decoders = new Map<string, TextDecoder | null>();

function strictDecoder(charset: string): TextDecoder | null {
  const label = charset.trim().toLowerCase();
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label, { fatal: true });
    } catch {
      decoder = null;
    }
    if (decoders.size < 64) decoders.set(label, decoder);
  }
  return decoder;
}

/** Decodes with a strict decoder; null for unknown charsets and malformed input. */
export function decodeBytes(bytes: Uint8Array, charset: string): string | null {
  const decoder = strictDecoder(charset);
  if (!decoder) return null;
  if (decoder.encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

// WHATWG windows-1252 for 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D stay C1). Node 20's TextDecoder
// decodes this range as plain latin1 (nodejs/node#56542) and later Node versions fix it, so we
// decode it ourselves to behave the same under plain Node and Electron.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** windows-1252, which is what "latin1" and "iso-8859-1" mean on the web. Never fails. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
  return out;
}

/**
 * UTF-8 when the bytes are valid UTF-8, otherwise windows-1252: the WHATWG meaning of "latin1",
 * which also turns 0x80–0x9F into printable characters (€, –, …) instead of invisible controls.
 */
export function decodeUtf8OrLatin1(bytes: Uint8Array): string {
  return decodeBytes(bytes, 'utf-8') ?? decodeWindows1252(bytes);
}

/**
 * Re-decodes a latin1-decoded header value: raw UTF-8 bytes become their characters, anything else
 * stays latin1. Strings that already hold chars above U+00FF are returned unchanged.
 */
export function redecodeLatin1(text: string): string {
  if (isAscii(text) || !isByteString(text)) return text;
  return decodeUtf8OrLatin1(toBytes(text));
}

const PERCENT_HEX = /%[0-9a-f]{2}/i;

export function hasPercentEscape(text: string): boolean {
  return PERCENT_HEX.test(text);
}

/** Percent-decodes into bytes; a `%` not followed by two hex digits is kept literally. */
export function percentDecodeBytes(text: string): Uint8Array {
  const src = toBytes(text);
  const out: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!;
    if (b === 0x25 && i + 2 < src.length) {
      const hex = String.fromCharCode(src[i + 1]!, src[i + 2]!);
      if (/^[0-9a-f]{2}$/i.test(hex)) {
        out.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
    }
    out.push(b);
  }
  return Uint8Array.from(out);
}

export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
