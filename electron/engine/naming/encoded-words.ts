// RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?ISO-8859-1?Q?...?=`). RFC 6266 forbids them in HTTP,
// but mail-minded server code emits them and browsers decode them, so we do too.

import { decodeBytes } from './text-bytes';

const ENCODED_WORD = /=\?([^?\s]+)\?([bq])\?([^?\s]*)\?=/gi;
// Whitespace between two adjacent encoded words is folding, not content (RFC 2047 §6.2).
const BETWEEN_WORDS = /(\?=)[ \t\r\n]+(?==\?[^?\s]+\?[bq]\?)/gi;

/** Decodes every encoded word in `text`; null when there is none or one fails to decode. */
export function decodeEncodedWords(text: string): string | null {
  if (!text.includes('=?')) return null;
  let failed = false;
  let found = false;
  const decoded = text.replace(BETWEEN_WORDS, '$1').replace(ENCODED_WORD, (_m, charset: string, enc: string, data: string) => {
    found = true;
    const bytes = enc.toLowerCase() === 'b' ? base64Bytes(data) : qBytes(data);
    // RFC 2231 lets a language ride on the charset: `UTF-8*en`.
    const word = bytes ? decodeBytes(bytes, charset.split('*')[0]!) : null;
    if (word === null) failed = true;
    return word ?? '';
  });
  return found && !failed ? decoded : null;
}

function base64Bytes(data: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return null;
  return Uint8Array.from(Buffer.from(data, 'base64'));
}

function qBytes(data: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const ch = data[i]!;
    const hex = data.slice(i + 1, i + 3);
    if (ch === '_') out.push(0x20);
    else if (ch === '=' && /^[0-9a-f]{2}$/i.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(ch.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}
