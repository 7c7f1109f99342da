// Which archive is this? The name says what the user expects; the first bytes say what it is.
// Downloads are often misnamed (a .tar.gz that is really a plain tar), so content wins when it is
// conclusive and the name decides the rest.

import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { unsupported } from './errors';

export type ArchiveKind = 'zip' | 'tar' | 'tar.gz' | 'gz' | 'tar.bz2' | 'tar.xz';

const SUFFIXES: readonly (readonly [string, ArchiveKind])[] = [
  ['.tar.gz', 'tar.gz'],
  ['.tgz', 'tar.gz'],
  ['.taz', 'tar.gz'],
  ['.tar.bz2', 'tar.bz2'],
  ['.tbz2', 'tar.bz2'],
  ['.tbz', 'tar.bz2'],
  ['.tb2', 'tar.bz2'],
  ['.tar.xz', 'tar.xz'],
  ['.txz', 'tar.xz'],
  ['.tar', 'tar'],
  ['.zip', 'zip'],
  ['.gz', 'gz'],
];

function matchSuffix(fileName: string): readonly [string, ArchiveKind] | undefined {
  const lower = fileName.toLowerCase();
  return SUFFIXES.find(([suffix]) => lower.endsWith(suffix) && lower.length > suffix.length);
}

/** The archive kind a file name announces, or null. */
export function detectArchiveKind(fileName: string): ArchiveKind | null {
  return matchSuffix(fileName)?.[1] ?? null;
}

/** The folder name for an archive: `foo.tar.gz` → `foo`, `bar.zip` → `bar`. */
export function archiveStem(fileName: string): string {
  const match = matchSuffix(fileName);
  if (match) return fileName.slice(0, fileName.length - match[0].length);
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

type Magic = 'zip' | 'gzip' | 'bzip2' | 'xz' | 'tar';

/** What the first bytes of `file` say it is, or null when they match nothing we read. */
export async function sniffMagic(file: string): Promise<Magic | null> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    return magicOf(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

export function magicOf(head: Buffer): Magic | null {
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b) && (starts(0x50, 0x4b, 3, 4) || starts(0x50, 0x4b, 5, 6) || starts(0x50, 0x4b, 7, 8))) {
    return 'zip';
  }
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0x42, 0x5a, 0x68) && (head[3] ?? 0) >= 0x31 && (head[3] ?? 0) <= 0x39) return 'bzip2';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  if (isTarHeader(head)) return 'tar';
  return null;
}

/** A tar header block: a name and a checksum that adds up (old v7 tars have no "ustar" magic). */
export function isTarHeader(block: Buffer): boolean {
  if (block.length < 512 || block[0] === 0) return false;
  const field = block.subarray(148, 156).toString('latin1').replace(/[\0 ]+/g, ' ').trim();
  if (!/^[0-7]+$/.test(field)) return false;
  const stored = parseInt(field, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** Decompresses only the first block of a gzip file to see whether a tar is inside. */
async function gzipHoldsTar(file: string): Promise<boolean> {
  const source = createReadStream(file, { start: 0, end: 256 * 1024 - 1 });
  const gunzip = createGunzip();
  source.pipe(gunzip);
  const head: Buffer[] = [];
  let have = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      head.push(chunk);
      have += chunk.length;
      if (have >= 512) break;
    }
  } catch {
    // A short or damaged file: let the real extraction report it.
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  return isTarHeader(Buffer.concat(head));
}

/** The kind to extract `file` as; throws HAUL_E_ARCHIVE_UNSUPPORTED when it is none we handle. */
export async function resolveArchiveKind(file: string, fileName: string): Promise<ArchiveKind> {
  const byName = detectArchiveKind(fileName);
  const magic = await sniffMagic(file);
  const lower = fileName.toLowerCase();
  switch (magic) {
    case 'zip':
    case 'tar':
      return magic;
    case 'gzip':
      return byName === 'tar.gz' || (await gzipHoldsTar(file)) ? 'tar.gz' : 'gz';
    case 'bzip2':
      if (lower.endsWith('.bz2') && byName !== 'tar.bz2') throw unsupported(`${fileName} is a single bzip2 file; only .tar.bz2 is supported`);
      return 'tar.bz2';
    case 'xz':
      if (lower.endsWith('.xz') && byName !== 'tar.xz') throw unsupported(`${fileName} is a single xz file; only .tar.xz is supported`);
      return 'tar.xz';
    case null:
      if (byName) return byName; // let the reader say what is wrong with it
      throw unsupported(`${fileName} is not an archive Haul can extract (zip, tar, tar.gz, gz, tar.bz2, tar.xz)`);
  }
}
