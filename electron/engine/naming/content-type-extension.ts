// A small MIME → extension map for names that have none. Deliberately short: only types servers
// commonly send for downloads. Unknown and generic types (application/octet-stream) give nothing.

// The first extension is the one we add; the others are accepted as already matching.
const EXTENSIONS = new Map<string, readonly string[]>(Object.entries({
  'text/html': ['.html', '.htm'],
  'text/plain': ['.txt', '.text', '.log'],
  'text/csv': ['.csv'],
  'text/css': ['.css'],
  'text/xml': ['.xml'],
  'text/javascript': ['.js', '.mjs'],
  'application/javascript': ['.js', '.mjs'],
  'application/json': ['.json'],
  'application/xml': ['.xml'],
  'application/pdf': ['.pdf'],
  'application/zip': ['.zip'],
  'application/x-zip-compressed': ['.zip'],
  'application/gzip': ['.gz', '.tgz'],
  'application/x-gzip': ['.gz', '.tgz'],
  'application/x-tar': ['.tar'],
  'application/x-xz': ['.xz', '.txz'],
  'application/x-bzip2': ['.bz2', '.tbz2'],
  'application/zstd': ['.zst'],
  'application/x-7z-compressed': ['.7z'],
  'application/vnd.rar': ['.rar'],
  'application/x-rar-compressed': ['.rar'],
  'application/x-iso9660-image': ['.iso'],
  'application/vnd.debian.binary-package': ['.deb'],
  'application/x-rpm': ['.rpm'],
  'application/vnd.android.package-archive': ['.apk'],
  'application/x-msdownload': ['.exe', '.dll'],
  'application/x-apple-diskimage': ['.dmg'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg', '.jpe'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'image/svg+xml': ['.svg'],
  'audio/mpeg': ['.mp3'],
  'audio/ogg': ['.ogg', '.oga', '.opus'],
  'video/mp4': ['.mp4', '.m4v'],
  'video/webm': ['.webm'],
}));

/** `text/html; charset=utf-8` → `text/html`; '' for a missing or empty header. */
export function mimeEssence(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** The extension to add for a Content-Type, e.g. `.html`; '' when unknown or generic. */
export function extensionForContentType(contentType: string | null | undefined): string {
  return EXTENSIONS.get(mimeEssence(contentType))?.[0] ?? '';
}

/** Whether `ext` (with its dot, any case) already fits the Content-Type. */
export function extensionMatchesContentType(ext: string, contentType: string | null | undefined): boolean {
  return EXTENSIONS.get(mimeEssence(contentType))?.includes(ext.toLowerCase()) ?? false;
}
