// Archive entry names are untrusted. An entry that tries to leave the output folder is refused
// outright (the whole extraction aborts); a name that is merely awkward for this OS is repaired.

import { unsafe } from './errors';

export type NamePlatform = 'win32' | 'posix';

export function hostNamePlatform(): NamePlatform {
  return process.platform === 'win32' ? 'win32' : 'posix';
}

/**
 * The entry's path as sanitized components under the output folder; [] names the folder itself
 * (tar's "./"). Backslashes count as separators everywhere: zips made on Windows use them, and a
 * name like "..\\..\\x" must not slip through on Windows just because it looked harmless on Linux.
 */
export function entryComponents(raw: string, platform: NamePlatform = hostNamePlatform()): string[] {
  if (raw.includes('\0')) throw unsafe(raw, 'the name contains a NUL byte');
  const s = raw.replaceAll('\\', '/');
  if (/^[a-zA-Z]:/.test(s)) throw unsafe(raw, 'the name starts with a drive letter');
  if (s.startsWith('/')) throw unsafe(raw, 'the name is an absolute path');
  const parts = s.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafe(raw, 'the name climbs out of the folder with ".."');
  return parts.map((p) => {
    const c = sanitizeComponent(p, platform);
    // Invisible characters around ".." vanish in sanitizing: check again.
    if (c === '..' || c === '.') throw unsafe(raw, 'the name climbs out of the folder with ".."');
    return c;
  });
}

// Bidi controls make "a\u202Etxt.exe" display as "aexe.txt"; zero-width characters hide look-alikes.
const INVISIBLE = /[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/gu;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const WIN_ILLEGAL = /[<>:"|?*]/g;
const WIN_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(?=\s*(?:\.|$))/iu;
const MAX_COMPONENT_BYTES = 255;

/** One path component made valid on `platform`; never empty. */
export function sanitizeComponent(name: string, platform: NamePlatform = hostNamePlatform()): string {
  let s = name.replace(INVISIBLE, '').replace(CONTROLS, '_').normalize('NFC');
  if (platform === 'win32') {
    // Windows drops trailing dots and spaces silently, and ':' would open an alternate data stream.
    s = s.replace(WIN_ILLEGAL, '_').replace(/[\s.]+$/u, '').replace(WIN_RESERVED, '$1_');
  }
  if (s === '') return '_';
  return fitBytes(s);
}

/** Keeps the extension when a name must be shortened to the usual 255-byte limit. */
function fitBytes(s: string): string {
  if (Buffer.byteLength(s) <= MAX_COMPONENT_BYTES) return s;
  const dot = s.lastIndexOf('.');
  const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : '';
  let stem = '';
  let bytes = Buffer.byteLength(ext);
  for (const ch of s.slice(0, s.length - ext.length)) {
    bytes += Buffer.byteLength(ch);
    if (bytes > MAX_COMPONENT_BYTES) break;
    stem += ch;
  }
  return stem + ext;
}

/** Key for comparing paths the way a case-insensitive (macOS, Windows) file system would. */
export function pathKey(parts: readonly string[]): string {
  return parts.join('/').toLowerCase();
}
