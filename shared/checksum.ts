// Expected checksums as users paste them and as projects publish them. Parsing is lenient about
// spelling (aria2's `sha-256=`, `SHA256:`, bare hex) but strict about length, so a truncated
// paste is rejected up front instead of failing the download at the very end.
import type { ChecksumAlgo, ExpectedChecksum } from './models/job';

export const CHECKSUM_ALGOS: readonly ChecksumAlgo[] = ['md5', 'sha1', 'sha256', 'sha512'];

/** Hex digits in each algorithm's digest. */
export const HEX_LENGTH: Readonly<Record<ChecksumAlgo, number>> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

const HEX = /^[0-9a-f]+$/i;

export function isChecksumAlgo(s: string): s is ChecksumAlgo {
  return (CHECKSUM_ALGOS as readonly string[]).includes(s);
}

/** `SHA-256`, `sha256`, `Sha_256` → `sha256`; undefined when it is not one we support. */
export function normalizeAlgo(name: string): ChecksumAlgo | undefined {
  const n = name.toLowerCase().replace(/[-_\s]/g, '');
  return isChecksumAlgo(n) ? n : undefined;
}

/** The algorithm a digest of this many hex digits implies, if any. */
export function algoForHexLength(length: number): ChecksumAlgo | undefined {
  return CHECKSUM_ALGOS.find((a) => HEX_LENGTH[a] === length);
}

/** Accepts `algo=hex`, `algo:hex`, `sha-256=hex`, any case, or a bare hex whose length implies the algorithm. */
export function parseChecksum(text: string): ExpectedChecksum | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'Checksum is empty' };
  const sep = t.search(/[=:]/);
  if (sep === -1) {
    if (!HEX.test(t)) return { error: `Checksum "${t}" is not hexadecimal` };
    const algo = algoForHexLength(t.length);
    if (!algo) return { error: `A bare checksum must have 32 (md5), 40 (sha1), 64 (sha256) or 128 (sha512) hex digits, got ${t.length}` };
    return { algo, hex: t.toLowerCase() };
  }
  const name = t.slice(0, sep).trim();
  const hex = t.slice(sep + 1).trim();
  const algo = normalizeAlgo(name);
  if (!algo) return { error: `Unsupported checksum algorithm "${name}" (use md5, sha1, sha256 or sha512)` };
  if (!HEX.test(hex)) return { error: `The ${algo} checksum "${hex}" is not hexadecimal` };
  if (hex.length !== HEX_LENGTH[algo]) {
    return { error: `A ${algo} checksum has ${HEX_LENGTH[algo]} hex digits, got ${hex.length}` };
  }
  return { algo, hex: hex.toLowerCase() };
}

interface ChecksumLine {
  hex: string;
  name: string | null;
}

// GNU coreutils: `<hex>  name` (text) or `<hex> *name` (binary); a leading backslash means the
// name has \\ and \n escapes.
const GNU_LINE = /^(\\?)([0-9a-f]+) [ *](.+)$/i;
// BSD / `shasum --tag`: `SHA256 (name) = <hex>`.
const BSD_LINE = /^[a-z0-9_-]+ ?\((.+)\) ?= ?([0-9a-f]+)$/i;

function unescapeGnu(name: string): string {
  return name.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseLine(raw: string): ChecksumLine | null {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return null;
  let m = GNU_LINE.exec(line);
  if (m) return { hex: m[2]!, name: m[1] ? unescapeGnu(m[3]!) : m[3]! };
  m = BSD_LINE.exec(line);
  if (m) return { hex: m[2]!, name: m[1]! };
  if (HEX.test(line)) return { hex: line, name: null };
  return null;
}

function baseName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/**
 * The hex digest for `fileName` in a `.sha256`/`.md5`/`SHA256SUMS`-style file: the line naming that
 * file (exactly, then by base name), else the only line there is. Null when nothing fits.
 */
export function parseChecksumFile(text: string, fileName: string): string | null {
  const lines = text
    .split(/\r?\n/)
    .map(parseLine)
    .filter((l): l is ChecksumLine => l !== null && algoForHexLength(l.hex.length) !== undefined);
  const wanted = baseName(fileName);
  const pick =
    lines.find((l) => l.name === fileName) ??
    lines.find((l) => l.name !== null && baseName(l.name) === wanted) ??
    (lines.length === 1 ? lines[0] : undefined);
  return pick ? pick.hex.toLowerCase() : null;
}
