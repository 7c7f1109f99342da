// Turns an untrusted name (server header, URL, user input) into one safe to create on Windows,
// macOS and Linux, keeping as much of what the user would recognise as possible.

import { fitFileName, splitExtension } from './file-name-parts';

export interface SanitizeOptions {
  /**
   * Keep a leading dot. Off by default: like Chromium and Firefox (`.htaccess` → `htaccess`) a
   * server must not create hidden dotfiles silently; a name the user typed may keep its dot.
   */
  allowLeadingDot?: boolean;
}

// Line breaks and tabs separate words in a mangled header; keep them as a space.
const WHITESPACE_CONTROLS = /[\t\n\r\v\f\u2028\u2029]+/gu;
// Controls (C0, DEL, C1), lone surrogates, bidi embeddings/overrides/isolates and marks (they make
// `a\u202Etxt.exe` display as `aexe.txt`), and invisible characters used to spoof names.
// ZWJ/ZWNJ (U+200C/D) stay: emoji sequences and Persian or Indic words need them.
const INVISIBLE =
  /[\p{Cc}\p{Cs}\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff]/gu;
// Illegal on Windows (and `:` on macOS, `/` everywhere).
const ILLEGAL = /[<>:"/\\|?*]/g;
// Windows refuses these device names whatever the extension, case or trailing spaces.
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(?=\s*(?:\.|$))/iu;

/** A safe single file name, or '' when nothing usable remains. */
export function sanitizeFileName(name: string, options: SanitizeOptions = {}): string {
  // Any directory part goes first, whichever separator the sender used.
  let s = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  s = s.replace(WHITESPACE_CONTROLS, ' ').replace(INVISIBLE, '').normalize('NFC');
  s = s.replace(ILLEGAL, '_');
  s = trimEnds(s);
  if (!options.allowLeadingDot) s = s.replace(/^[.\s]+/u, '');
  if (s === '' || /^\.+$/.test(s)) return '';
  s = s.replace(RESERVED, '$1_');
  const { stem, ext } = splitExtension(s);
  return trimEnds(fitFileName(stem, ext));
}

/** Leading spaces and trailing spaces or dots (Windows silently drops the latter). */
function trimEnds(s: string): string {
  return s.replace(/^\s+/u, '').replace(/[\s.]+$/u, '');
}
