import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Deterministic pseudo-random bytes: the same size and seed give the same bytes on every run (on
 * little-endian machines, i.e. all we run on). xorshift32 over 32-bit words keeps 256 MiB well under
 * a second, and random bytes make a misplaced range show up in any checksum.
 */
export function makeContent(size: number, seed = 1): Buffer {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`makeContent: bad size ${size}`);
  const words = new Uint32Array(Math.ceil(size / 4));
  let x = mixSeed(seed);
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x;
  }
  return Buffer.from(words.buffer, 0, size);
}

/** Spreads nearby seeds far apart; xorshift must never start at 0. */
function mixSeed(seed: number): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 0x6d2b79f5 : h;
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Streams the file, so multi-GiB outputs can be checked without loading them. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
