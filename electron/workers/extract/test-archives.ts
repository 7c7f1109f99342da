// Test helpers: archives crafted byte by byte, so tests can make the hostile ones that real tools
// refuse to create (names with "..", absolute paths, NUL bytes, sizes that lie), plus tree
// listing and hashing to compare results. Used by the *.test.ts files here and by the bench.

import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

export interface TarSpec {
  name: string;
  /** '0' file, '1' hard link, '2' symlink, '3' char device, '5' directory, '6' FIFO. */
  type?: string;
  data?: Buffer | string;
  linkname?: string;
  mode?: number;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** One ustar header block; the name is written raw (no validation, that is the point). */
export function tarHeader(spec: TarSpec, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(spec.name, 0, 100, 'utf8');
  h.write(octal(spec.mode ?? (spec.type === '5' ? 0o755 : 0o644), 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(1_700_000_000, 12), 136, 'latin1');
  h.write(spec.type ?? '0', 156, 'latin1');
  h.write(spec.linkname ?? '', 157, 100, 'utf8');
  h.write('ustar\u000000', 257, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

/** A whole tar: each entry's header, data padded to 512, and the two zero blocks at the end. */
export function tarArchive(specs: TarSpec[]): Buffer {
  const parts: Buffer[] = [];
  for (const spec of specs) {
    const data = typeof spec.data === 'string' ? Buffer.from(spec.data) : (spec.data ?? Buffer.alloc(0));
    parts.push(tarHeader(spec, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export interface ZipSpec {
  name: string | Buffer;
  data?: Buffer | string;
  /** 8 deflate (default) or 0 stored. */
  method?: number;
  /** Already-compressed data with its real size and CRC (for bombs made without the bytes). */
  raw?: { compressed: Buffer; size: number; crc: number };
  /** A lie about the uncompressed size, written in both headers. */
  claimSize?: number;
  claimCrc?: number;
  /** Unix mode (with file type bits), stored in the external attributes. */
  unixMode?: number;
}

/** A zip written by hand: local headers and data, central directory, end record. */
export function zipArchive(specs: ZipSpec[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const spec of specs) {
    const name = typeof spec.name === 'string' ? Buffer.from(spec.name, 'utf8') : spec.name;
    const method = spec.method ?? 8;
    const data = typeof spec.data === 'string' ? Buffer.from(spec.data) : (spec.data ?? Buffer.alloc(0));
    const compressed = spec.raw?.compressed ?? (method === 8 ? deflateRawSync(data) : data);
    const size = spec.claimSize ?? spec.raw?.size ?? data.length;
    const crc = spec.claimCrc ?? spec.raw?.crc ?? crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 30, 4); // made by Unix, so the mode bits count
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(compressed.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(((spec.unixMode ?? 0o100644) << 16) >>> 0, 38);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    central.push(cd, name);
    offset += local.length + name.length + compressed.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(specs.length, 8);
  end.writeUInt16LE(specs.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

/** `size` zero bytes deflated without ever holding them: a bomb's payload. */
export async function deflatedZeros(size: number): Promise<{ compressed: Buffer; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const block = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let left = size; left > 0; left -= block.length) {
    const piece = left >= block.length ? block : block.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await once(deflate, 'end'); // not end()'s callback: that fires before the last 'data'
  return { compressed: Buffer.concat(out), size, crc };
}

/** A gzip member with an FNAME field (zlib's gzip writes none). */
export function gzipWithName(data: Buffer, fname: Buffer | string): Buffer {
  const name = typeof fname === 'string' ? Buffer.from(fname, 'latin1') : fname;
  const header = Buffer.from([0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data) >>> 0, 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([header, name, Buffer.from([0]), deflateRawSync(data), trailer]);
}

/** Every path under `dir` (relative, '/'-separated) with a type tag and, for files, a sha256. */
export function describeTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      if (st.isSymbolicLink()) out[r] = `link:${readlinkSync(join(dir, r))}`;
      else if (st.isDirectory()) {
        out[r] = 'dir';
        walk(r);
      } else out[r] = `file:${createHash('sha256').update(readFileSync(join(dir, r))).digest('hex')}`;
    }
  };
  walk('');
  return out;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * What the two tiny fixtures below hold. No pure-JS bzip2 or xz compressor is installed, so these
 * were made once with `tar --sort=name | bzip2 -9` and `| xz -9` (under 1 KB each); tests that need
 * bigger ones use the CLI tools when present.
 */
export const TINY_TREE: Record<string, Buffer> = {
  'pkg/a.txt': Buffer.from('alpha\n'),
  'pkg/sub/b.txt': Buffer.from('beta line\n'.repeat(100)),
  'pkg/sub/deeper/c.bin': Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
};

export const TINY_TAR_BZ2 = Buffer.from(
  [
  'QlpoOTFBWSZTWRDXPVUAAw5/////////////////////////////////////////////wAG8AJIAAAAAAAAAACYAAAAAAAAAABMA',
  'AAAAAAAAAAAAAAAAAJgJhJgAJgACYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAJMABMAATAAAAAAAAAAAAAAAAAAAAAAAAAA',
  'AAAAAAAAAAAAZSBCaT1MaEGj1AMhk0whtCGJk0ANANA00xNqPUMgxGhoAAGgAAAAAAAAAAAAAAAAGmmQTzGVf5cIECGpQ8grguQS',
  'B/mAAJDWDawkKooWJcwC4guwXJJIJYEAicdEwCzQuQ6uyQDuwoTdtRUiQAXd4o1HaUikutKpdMTptOeXqn1Covb5Un17BmAX5kC8',
  'AEAqP8BA1Sq1aCawcJC1esN27kzSvEQhJNASAZl+BaoIBrQMIkAAY6NkG0lHtAQF4KAYtgDFBESgRKAFQVGUOoCmiKUQ5IcDEIBY',
  'FAKoK4FwQs6FQpLJLAplgktDpOJUWQmhihZUr19er9gsNisdkjLLZrPaLTarXG2y2252t7zcI64qx70lcnyQkVJJFTfbnJqNoC6X',
  'VuqDKNwCAYK7ziYKcyBDSJIAKsOrDIERKAEAypkxfQsAQClLA3tSLc1pcAgGWVBl4sAgFg6LLEEAzDKgBRsznUSaL8yYgrxM0QGM',
  'oYE0FQCAcAS8BADQFovwKQml+CweEwuGw+IxOKxeMxuOx+QyOSm8nlMrlsvmMzms3nJmam5ydnp+goaKjpKWmp6ipqqusra6vsLG',
  'ys7S1tre4ubq7vL2+v8DBwsPExcbHyMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5ufo6err7O3u7/Dx8vP/enrNAIB7AUV',
  '+Up2b/c8oCRPz/8/v+/4u5IpwoSAhrnqqA==',
  ].join(''),
  'base64',
);

export const TINY_TAR_XZ = Buffer.from(
  [
  '/Td6WFoAAATm1rRGAgAhARwAAAAQz1jM4Cf/AaldADgayRWYrNGyNLfPL52tDilYvn2GciFqwIW6cfQgJJcgBP9Pm0leqS1mH74H',
  'k3Gn+GRowy7nOhams/dpAp0EzbhquMx8ma2tHwEUyGMJX95hCeiFf2beCo/BD/xFplamMsOtSAy2vjk6llNSVZnqsoQySgOXgYdP',
  'iCXk3s0Qqil3KJ7k+vhBborzR2AiBURV7KnwxC3R/S4rLHVnQARMPrwOM2B/iui21WwyWDen6PBNyShPXgoV4IcL6kR6sXY4CTrK',
  'ia9fiz+aehBfUZQdJAA9GfXCvZ70tYTWxFl/k2hxfgw9lyyvzJsj5PEpw7UglFIu98StRAZI3ao9qn92O00a8NzFeUVDEbdwFtYV',
  'NpqYPT97G3raSaxG/oC+RiCrx4qqmHDhDM5XQaz3Q+LO3KT7djxAOv1v6p9ZbRtappdRLOebhbowit2qtEFAcsbdqod+uqa657M7',
  '9T95x13CpyGP5NnvtR5hmdOencnaY5NrNushU3nQOtSs4j/ZqtA34l7W/v71EvlHwU99ExIXXfzdhyfCr0Jv/Oizo1cWuyY1p3fI',
  'XisycKRgAAAAAOem66TiyNaQAAHFA4BQAACBuTVEscRn+wIAAAAABFla',
  ].join(''),
  'base64',
);
