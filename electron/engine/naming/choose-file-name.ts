// Picks the name a download is saved under, in the order browsers use: what the user asked for,
// then Content-Disposition, then the URL, then `download` with an extension from Content-Type.

import { parseContentDispositionFilename } from './content-disposition';
import { extensionForContentType, extensionMatchesContentType } from './content-type-extension';
import { fileNameFromUrl } from './file-name-from-url';
import { fitFileName, splitExtension } from './file-name-parts';
import { sanitizeFileName } from './sanitize-file-name';

export interface ChooseFileNameInput {
  requested?: string | null;
  contentDisposition?: string | null;
  finalUrl: string;
  contentType?: string | null;
}

const FALLBACK_STEM = 'download';
// Server-side scripts: `download.php?id=7` serving a zip is a zip, not a PHP file.
const SCRIPT_EXT = /^\.(php\d?|aspx?|jsp|cgi|pl|py|do|action|cfm)$/i;

/** Always a sanitized, non-empty name. */
export function chooseFileName(input: ChooseFileNameInput): string {
  if (input.requested) {
    // The user chose it, so a leading dot is intended.
    const requested = sanitizeFileName(input.requested, { allowLeadingDot: true });
    if (requested) return requested;
  }
  if (input.contentDisposition) {
    const fromHeader = parseContentDispositionFilename(input.contentDisposition);
    const name = fromHeader === null ? '' : sanitizeFileName(fromHeader);
    if (name) return name;
  }
  const fromUrl = sanitizeFileName(fileNameFromUrl(input.finalUrl));
  if (fromUrl) return withTypeExtension(fromUrl, input.finalUrl, input.contentType);
  return FALLBACK_STEM + extensionForContentType(input.contentType);
}

/**
 * URL names often lack a useful extension (`/export`, `/get.php?id=7`). Like Chromium, add the
 * Content-Type's extension when there is none, and replace a script extension when the URL has a
 * query. A name from Content-Disposition is the server's explicit choice and is left alone.
 */
function withTypeExtension(name: string, url: string, contentType: string | null | undefined): string {
  const typeExt = extensionForContentType(contentType);
  if (typeExt === '') return name;
  const { stem, ext } = splitExtension(name);
  if (ext === '') return fitFileName(stem, typeExt);
  if (SCRIPT_EXT.test(ext) && hasQuery(url) && !extensionMatchesContentType(ext, contentType)) {
    return fitFileName(stem, typeExt);
  }
  return name;
}

function hasQuery(url: string): boolean {
  const hash = url.indexOf('#');
  return (hash === -1 ? url : url.slice(0, hash)).includes('?');
}
