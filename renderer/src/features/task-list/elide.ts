// Long file names lose their middle, not their end: `ubuntu-24.04.2-desk…md64.iso` keeps the
// version's tail and the extension people recognise a file by.

const ELLIPSIS = '…';
/** Two-part extensions kept whole, as the engine's naming keeps them together. */
const COMPOUND = /\.tar\.(gz|bz2|xz|zst|lz|lzma|z)$/i;

/** The extension (with its dot, `.tar.gz` whole), or '' when the name has none worth keeping. */
export function extensionOf(name: string): string {
  const compound = COMPOUND.exec(name);
  if (compound) return compound[0];
  const dot = name.lastIndexOf('.');
  // A leading dot is a hidden file's name, not an extension; a very long "extension" is not one either.
  if (dot <= 0 || name.length - dot > 10) return '';
  return name.slice(dot);
}

/**
 * The longest middle-elided form of `name` that `fits` accepts: 60% of the kept characters from
 * the start, the rest from just before the extension, which always stays. `fits` measures (in
 * pixels in the list, in characters in tests) and must grow with the text.
 */
export function elideMiddle(name: string, fits: (text: string) => boolean): string {
  if (fits(name)) return name;
  const chars = Array.from(name); // never split a surrogate pair
  const ext = Array.from(extensionOf(name));
  const stem = chars.slice(0, chars.length - ext.length);
  const build = (kept: number): string => {
    const head = Math.ceil(kept * 0.6);
    const tail = kept - head;
    return stem.slice(0, head).join('') + ELLIPSIS + stem.slice(stem.length - tail).join('') + ext.join('');
  };
  let lo = 0;
  let hi = stem.length - 1;
  if (!fits(build(0))) return build(0);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(build(mid))) lo = mid;
    else hi = mid - 1;
  }
  return build(lo);
}
