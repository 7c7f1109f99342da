// Splitting a name into stem and extension, and fitting it into a byte budget. Shared by the
// sanitizer (255-byte limit) and the conflict resolver (`name (1).ext` must fit as well).

import { utf8ByteLength } from './text-bytes';

/** Most filesystems (ext4, APFS, NTFS in UTF-16 units) cap one name at 255; bytes is the strictest. */
export const MAX_NAME_BYTES = 255;

// Compound extensions that must stay together: `a (1).tar.gz`, never `a.tar (1).gz`.
const COMPOUND_EXT = /\.tar\.(?:gz|xz|bz2|zst|lz|lzma|lz4|br|z)$/i;
// A real extension is short and has no spaces; otherwise `v1.2 final notes` would split oddly.
const SIMPLE_EXT = /\.[^.\s]{1,16}$/u;

export interface NameParts {
  stem: string;
  /** Includes the leading dot, or '' when there is none. */
  ext: string;
}

export function splitExtension(name: string): NameParts {
  const match = COMPOUND_EXT.exec(name) ?? SIMPLE_EXT.exec(name);
  if (!match) return { stem: name, ext: '' };
  const stem = name.slice(0, match.index);
  // `.bashrc` and `..rc` are all stem: there must be something before the dot.
  if (!/[^.]/.test(stem)) return { stem: name, ext: '' };
  return { stem, ext: match[0] };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Longest prefix of `text` within `maxBytes` of UTF-8. Cuts between grapheme clusters so an emoji
 * or an accented letter is never halved; falls back to code points for a monster cluster.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8ByteLength(text) <= maxBytes) return text;
  const byGrapheme = takeWithin([...graphemes.segment(text)].map((s) => s.segment), maxBytes);
  return byGrapheme !== '' ? byGrapheme : takeWithin([...text], maxBytes);
}

function takeWithin(pieces: string[], maxBytes: number): string {
  let out = '';
  let used = 0;
  for (const piece of pieces) {
    const size = utf8ByteLength(piece);
    if (used + size > maxBytes) break;
    out += piece;
    used += size;
  }
  return out;
}

/** `stem + suffix + ext` within `maxBytes`, shortening only the stem while the extension fits. */
export function fitFileName(stem: string, ext: string, suffix = '', maxBytes = MAX_NAME_BYTES): string {
  const tail = suffix + ext;
  const room = maxBytes - utf8ByteLength(tail);
  if (room <= 0) return truncateUtf8(stem + tail, maxBytes);
  if (utf8ByteLength(stem) <= room) return stem + tail;
  const cut = truncateUtf8(stem, room);
  // "my report" cut to "my " would leave "my .pdf"; drop the dangling space.
  return (cut.trimEnd() || cut) + tail;
}
