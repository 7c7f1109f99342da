// Finds the file name in a Content-Disposition header the way browsers do (Chromium's
// HttpContentDisposition is the model): filename* first, then RFC 2231 continuations, then
// filename; the first non-empty decodable value of each wins. `name` is not a file name (it names a
// form field in multipart bodies), and browsers stopped reading it as one.
//
// Why no `content-disposition` package: its strict parse throws on exactly the headers this module
// exists for (missing quotes, raw UTF-8, unknown charsets), only knows UTF-8 and ISO-8859-1 in
// filename*, and gives no say over how latin1 bytes are re-decoded. Running it first would give two
// behaviours for one header family; the lenient parser below agrees with it on well-formed input
// (the tests check that) and handles the rest.

import { parseDispositionParams, type DispositionParam } from './disposition-params';
import { decodeEncodedWord } from './encoded-words';
import {
  decodeBytes,
  decodeUtf8OrLatin1,
  hasPercentEscape,
  isAscii,
  percentDecodeBytes,
  redecodeLatin1,
  toBytes,
} from './text-bytes';

/**
 * @param raw header value as undici gives it: each char is one latin1-decoded byte.
 * @returns the decoded (not yet sanitized) file name, or null when the header names none.
 */
export function parseContentDispositionFilename(raw: string): string | null {
  const { params } = parseDispositionParams(raw);
  return (
    firstDecoded(params, 'filename*', decodeExtValue) ??
    decodeContinuations(params) ??
    firstDecoded(params, 'filename', decodeFilenameValue)
  );
}

function firstDecoded(
  params: DispositionParam[],
  name: string,
  decode: (value: string) => string | null,
): string | null {
  for (const p of params) {
    if (p.name !== name) continue;
    const value = decode(p.value);
    if (value !== null && value.trim() !== '') return value;
  }
  return null;
}

/** RFC 8187 `charset'lang'pct-encoded`, decoded with any charset TextDecoder knows. */
export function decodeExtValue(value: string): string | null {
  const ext = splitExtValue(value);
  if (!ext || ext.encoded === '') return null;
  return decodeBytes(percentDecodeBytes(ext.encoded), ext.charset);
}

function splitExtValue(value: string): { charset: string; encoded: string } | null {
  const first = value.indexOf("'");
  const second = first === -1 ? -1 : value.indexOf("'", first + 1);
  if (second === -1) return null;
  const charset = value.slice(0, first).trim();
  return charset === '' ? null : { charset, encoded: value.slice(second + 1) };
}

/**
 * A plain `filename` value, word by word as Chromium reads it. A word that is exactly one RFC 2047
 * encoded word is decoded and the whitespace after it dropped (browsers drop it even before plain
 * text); every other whitespace char becomes one space. Any other word, a malformed encoded word
 * included, gets the plain decoding below and is otherwise kept as written, where Chromium would
 * drop the whole name.
 */
export function decodeFilenameValue(value: string): string {
  let out = '';
  let afterEncodedWord = true; // so leading whitespace goes too
  for (const [, space, token = ''] of value.matchAll(/([ \t\r\n])|([^ \t\r\n]+)/g)) {
    if (space !== undefined) {
      if (!afterEncodedWord) out += ' ';
      continue;
    }
    const word = decodeEncodedWord(token);
    afterEncodedWord = word !== null;
    out += word ?? decodePlainWord(token);
  }
  return out;
}

/**
 * Non-ASCII means raw bytes: UTF-8 if they are valid UTF-8, else latin1. ASCII may hide
 * percent-encoded UTF-8 (what old IE sent); escapes that do not decode as UTF-8 stay as written.
 */
function decodePlainWord(word: string): string {
  if (!isAscii(word)) return redecodeLatin1(word);
  if (!hasPercentEscape(word)) return word;
  return decodeBytes(percentDecodeBytes(word), 'utf-8') ?? word;
}

const SECTION = /^filename\*(\d{1,3})(\*?)$/;

/** RFC 2231 continuations: `filename*0*=UTF-8''a%20; filename*1="b.txt"`. */
function decodeContinuations(params: DispositionParam[]): string | null {
  const sections = new Map<number, { value: string; encoded: boolean }>();
  for (const p of params) {
    const m = SECTION.exec(p.name);
    const index = m ? Number(m[1]) : -1;
    if (m && !sections.has(index)) sections.set(index, { value: p.value, encoded: m[2] === '*' });
  }
  const first = sections.get(0);
  if (!first) return null;

  let charset: string | null = null;
  let firstValue = first.value;
  if (first.encoded) {
    const ext = splitExtValue(first.value);
    if (!ext) return null;
    charset = ext.charset;
    firstValue = ext.encoded;
  }
  const chunks: Uint8Array[] = [];
  let anyEncoded = false;
  for (let i = 0; sections.has(i); i++) {
    const s = sections.get(i)!;
    anyEncoded ||= s.encoded;
    const text = i === 0 ? firstValue : s.value;
    chunks.push(s.encoded ? percentDecodeBytes(text) : toBytes(text));
  }
  const bytes = Buffer.concat(chunks);
  if (!anyEncoded) return decodeFilenameValue(bytes.toString('latin1'));
  const decoded = charset ? decodeBytes(bytes, charset) : decodeUtf8OrLatin1(bytes);
  return decoded === null || decoded.trim() === '' ? null : decoded;
}
