// RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?ISO-8859-1?Q?...?=`). RFC 6266 forbids them in HTTP,
// but mail-minded server code emits them and browsers decode them, so we do too, as strictly as
// Chromium does: a word is a whole whitespace-separated token, and a malformed one is no word.

import { decodeBytes } from './text-bytes';

const ENCODED_WORD = /^=\?([^?]+)\?([bq])\?([^?]+)\?=$/i;

/**
 * Decodes `token` when it is exactly one well-formed encoded word in a charset we know; otherwise
 * null (then the caller keeps the token as written).
 */
export function decodeEncodedWord(token: string): string | null {
  const m = ENCODED_WORD.exec(token);
  if (!m) return null;
  const [, charset = '', encoding = '', data = ''] = m;
  const bytes = encoding.toLowerCase() === 'b' ? base64Bytes(data) : qBytes(data);
  // RFC 2231 lets a language ride on the charset: `UTF-8*en`.
  return bytes === null ? null : decodeBytes(bytes, charset.split('*')[0]!);
}

// Padding may be missing (the length still has to be possible); anything else is not base64.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

function base64Bytes(data: string): Uint8Array | null {
  return BASE64.test(data) ? Uint8Array.from(Buffer.from(data, 'base64')) : null;
}

/** RFC 2047 §4.2: `_` is a space, `=XX` a byte, other printable ASCII itself; nothing else. */
function qBytes(data: string): Uint8Array | null {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code === 0x5f) out.push(0x20);
    else if (code === 0x3d) {
      const hex = data.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/i.test(hex)) return null;
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (code > 0x20 && code < 0x7f) out.push(code);
    else return null;
  }
  return Uint8Array.from(out);
}
