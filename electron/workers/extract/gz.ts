// A .gz that holds no tar is one file: it goes inside the output folder, named from the gzip
// header's FNAME when that is a plain, safe name, else after the archive.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ByteCounter } from './counter';
import type { ExtractContext } from './context';
import { archiveStem } from './detect';
import { sanitizeComponent } from './safe-path';

const FEXTRA = 4;
const FNAME = 8;

/** The FNAME field of a gzip header, or null. */
export function gzipOriginalName(head: Buffer): string | null {
  if (head.length < 10 || head[0] !== 0x1f || head[1] !== 0x8b) return null;
  const flags = head[3]!;
  if (!(flags & FNAME)) return null;
  let pos = 10;
  if (flags & FEXTRA) {
    if (head.length < 12) return null;
    pos += 2 + head.readUInt16LE(10);
  }
  const end = head.indexOf(0, pos);
  if (end <= pos) return null;
  const bytes = head.subarray(pos, end);
  // RFC 1952 says latin1; most tools today write the UTF-8 bytes of the name.
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\ufffd') ? bytes.toString('latin1') : utf8;
}

async function innerName(ctx: ExtractContext): Promise<string> {
  const fh = await open(ctx.archive, 'r');
  let original: string | null;
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    original = gzipOriginalName(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
  // "Safe" means a plain name: anything with a path in it is ignored, not trimmed.
  if (original && !/[\\/]/.test(original)) {
    const safe = sanitizeComponent(original);
    if (safe !== '.' && safe !== '..') return safe;
  }
  const lower = ctx.fileName.toLowerCase();
  const fallback = lower.endsWith('.gz') ? ctx.fileName.slice(0, -3) : archiveStem(ctx.fileName);
  return sanitizeComponent(fallback || 'file');
}

export async function extractGzip(ctx: ExtractContext): Promise<void> {
  const name = await innerName(ctx);
  const raw = createReadStream(ctx.archive, { highWaterMark: 256 * 1024, signal: ctx.signal });
  const counter = new ByteCounter();
  ctx.compressedRead = () => counter.bytes;
  const out = pipeline(raw, counter, createGunzip({ chunkSize: 256 * 1024 }), () => {});
  ctx.meter.entry();
  try {
    await ctx.tree.file([name], out, { name, written: 0, compressed: null });
  } finally {
    out.destroy();
  }
}
