// The name a URL suggests: its last non-empty path segment, percent-decoded. Unsanitized.

import { decodeUtf8OrLatin1, isAscii, percentDecodeBytes } from './text-bytes';

// Schemes whose "path" is data, not a file name (Chromium skips about: and data: too).
const NAMELESS_SCHEMES = new Set(['about:', 'data:', 'blob:', 'javascript:', 'mailto:']);

export function fileNameFromUrl(url: string): string {
  const segment = lastSegment(pathOf(url));
  return segment === '' ? '' : decodeSegment(segment);
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return NAMELESS_SCHEMES.has(parsed.protocol) ? '' : parsed.pathname;
  } catch {
    // Not a URL we can parse: still cut off query and fragment and use what looks like a path.
    return url.split(/[?#]/, 1)[0]!.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  }
}

function lastSegment(path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  return segments.at(-1) ?? '';
}

/**
 * Percent-decodes as UTF-8 (or latin1 when the bytes are not UTF-8). Escaped separators (%2F, %5C)
 * stay escaped, as in Chromium: they belong to this one segment and must not start a directory.
 */
function decodeSegment(segment: string): string {
  // Plain ASCII without a `%` (most parsed URLs) decodes to itself.
  if (!segment.includes('%') && isAscii(segment)) return segment;
  return segment
    .split(/(%2f|%5c)/i)
    .map((part, i) => (i % 2 === 1 ? part : decodeUtf8OrLatin1(percentDecodeBytes(part))))
    .join('');
}
