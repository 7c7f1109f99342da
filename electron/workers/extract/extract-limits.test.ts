// Caps (ratio, total size, entry count, free space), damaged archives and cancellation. Every
// failure must carry its code and leave no output folder behind.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, statfsSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createGzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractArchive, type ExtractOptions } from './index';
import { deflatedZeros, sha256File, tarArchive, tarHeader, TINY_TAR_BZ2, TINY_TAR_XZ, zipArchive } from './test-archives';
import { useExtractDirs } from './extract-test-dirs';

const MiB = 1024 * 1024;
const run = promisify(execFile);

const dirs = useExtractDirs('haul-limits-');

/** Runs an extraction that must fail with `code`; returns the error. */
async function expectFailure(name: string, bytes: Buffer | null, code: string, options: Partial<ExtractOptions> = {}) {
  if (bytes) writeFileSync(join(dirs.dl, name), bytes);
  const hash = sha256File(join(dirs.dl, name));
  const listing = readdirSync(dirs.dl);
  const err = await extractArchive({ archive: join(dirs.dl, name), ...options }).then(
    () => null,
    (e: unknown) => e as Error & { code: string },
  );
  expect(err, name).toMatchObject({ code });
  expect(readdirSync(dirs.dl), 'the partial output folder is removed').toEqual(listing);
  expect(sha256File(join(dirs.dl, name)), 'the archive is untouched').toBe(hash);
  return { err: err! };
}

const ALONE = fileURLToPath(new URL('./fixtures/extract-alone.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Like expectFailure, with the default limits, but the extraction runs in a process of its own,
 * which also reports how far its memory grew: in the test process, other tests' garbage and the
 * runner's own work made that number noise.
 */
async function expectFailureAlone(name: string, bytes: Buffer, code: string) {
  writeFileSync(join(dirs.dl, name), bytes);
  const hash = sha256File(join(dirs.dl, name));
  const listing = readdirSync(dirs.dl);
  const { stdout } = await run(process.execPath, ['--import', TSX, ALONE, join(dirs.dl, name)], { timeout: 50_000 });
  const out = JSON.parse(stdout) as { code: string | null; message: string | null; rssGrowth: number };
  expect(out.code, `${name}: ${out.message}`).toBe(code);
  expect(readdirSync(dirs.dl), 'the partial output folder is removed').toEqual(listing);
  expect(sha256File(join(dirs.dl, name)), 'the archive is untouched').toBe(hash);
  return { message: out.message!, rssGrowth: out.rssGrowth };
}

/** A tar.gz holding one file of `size` zeros, made without holding the zeros. */
async function gzippedTarOfZeros(size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  gzip.write(tarHeader({ name: 'zeros.bin' }, size));
  const block = Buffer.alloc(MiB);
  for (let left = size; left > 0; left -= MiB) {
    if (!gzip.write(left >= MiB ? block : block.subarray(0, left))) await new Promise((r) => gzip.once('drain', r));
  }
  gzip.end(Buffer.alloc(1024 + ((512 - (size % 512)) % 512)));
  await once(gzip, 'end');
  return Buffer.concat(out);
}

describe('bombs', () => {
  it('a zip whose entries claim 1 KB but inflate to 200 MB is stopped at once, in bounded memory', async () => {
    const payload = await deflatedZeros(200 * MiB); // ~200 KB of deflate
    const specs = ['a.bin', 'b.bin'].map((name) => ({ name, raw: payload, claimSize: 1024 }));
    const { message, rssGrowth } = await expectFailureAlone('bomb.zip', zipArchive(specs), 'HAUL_E_ARCHIVE_LIMIT');
    expect(message).toMatch(/a\.bin.*declares/);
    expect(rssGrowth).toBeLessThan(64 * MiB);
  });

  it('a zip entry that honestly inflates 200 MB from 200 KB hits the ratio cap while streaming', async () => {
    const payload = await deflatedZeros(200 * MiB);
    const { message, rssGrowth } = await expectFailureAlone('honest.zip', zipArchive([{ name: 'zeros.bin', raw: payload }]), 'HAUL_E_ARCHIVE_LIMIT');
    expect(message).toMatch(/zeros\.bin.*ratio/);
    expect(rssGrowth).toBeLessThan(96 * MiB);
  });

  it('a tar.gz of 200 MB of zeros hits the overall ratio cap while streaming', async () => {
    const { message, rssGrowth } = await expectFailureAlone('bomb.tar.gz', await gzippedTarOfZeros(200 * MiB), 'HAUL_E_ARCHIVE_LIMIT');
    expect(message).toMatch(/ratio/);
    expect(rssGrowth).toBeLessThan(96 * MiB);
  });
});

describe('caps', () => {
  it('total size counts bytes actually written (tar) and refuses claims up front (zip)', async () => {
    const files = [1, 2, 3].map((i) => ({ name: `f${i}.bin`, data: randomBytes(MiB) }));
    const t = await expectFailure('big.tar', tarArchive(files), 'HAUL_E_ARCHIVE_LIMIT', { limits: { maxTotalBytes: 2 * MiB } });
    expect(t.err.message).toMatch(/size limit/);
    const z = await expectFailure('big.zip', zipArchive(files), 'HAUL_E_ARCHIVE_LIMIT', { limits: { maxTotalBytes: 2 * MiB } });
    expect(z.err.message).toMatch(/would expand to 3\.00 MiB/);
  });

  it('too many entries', async () => {
    const specs = Array.from({ length: 50 }, (_, i) => ({ name: `e${i}.txt`, data: 'x' }));
    const t = await expectFailure('many.tar', tarArchive(specs), 'HAUL_E_ARCHIVE_LIMIT', { limits: { maxEntries: 10 } });
    expect(t.err.message).toMatch(/more than 10 entries/);
    const z = await expectFailure('many.zip', zipArchive(specs), 'HAUL_E_ARCHIVE_LIMIT', { limits: { maxEntries: 10 } });
    expect(z.err.message).toMatch(/50 entries; the limit is 10/);
  });

  it('free space: refused up front when the margin is not there', async () => {
    const { err } = await expectFailure('a.tar', tarArchive([{ name: 'a', data: 'a' }]), 'HAUL_E_DISK_FULL', { limits: { minFreeBytes: 2 ** 60 } });
    expect(err.message).toMatch(/Not enough disk space/);
  });

  it('free space: stops mid-way once writing eats into the margin', async () => {
    const archive = await gzippedTarOfZeros(64 * MiB);
    const s = statfsSync(dirs.tmp);
    const minFreeBytes = s.bavail * s.bsize - 8 * MiB; // 8 MiB may be written, 64 MiB are coming
    await expectFailure('fill.tar.gz', archive, 'HAUL_E_DISK_FULL', { limits: { minFreeBytes, maxRatio: 1e9 } });
  });
});

describe('damaged archives', () => {
  const tree = [
    { name: 'dir/a.bin', data: randomBytes(300_000) },
    { name: 'dir/b.txt', data: 'hello '.repeat(10_000) },
  ];

  it.each([
    ['truncated tar.gz', 'cut.tar.gz', () => gzipSync(tarArchive(tree)).subarray(0, 150_000)],
    ['tar.gz with a flipped byte', 'flip.tar.gz', () => flip(gzipSync(tarArchive(tree)), 100_000)],
    ['truncated tar', 'cut.tar', () => tarArchive(tree).subarray(0, 200_000)],
    ['tar with a bad header checksum', 'sum.tar', () => flip(tarArchive(tree), 10)],
    ['garbage named .tar.gz', 'junk.tar.gz', () => randomBytes(5000)],
    ['truncated .gz', 'cut.gz', () => gzipSync(randomBytes(100_000)).subarray(0, 50_000)],
    ['zip with a flipped data byte', 'flip.zip', () => flip(zipArchive(tree), 1000)],
    ['zip without its central directory', 'cut.zip', () => zipArchive(tree).subarray(0, 200_000)],
    ['zip whose CRC is wrong', 'crc.zip', () => zipArchive([{ name: 'a.txt', data: 'abc', claimCrc: 1234 }])],
    ['truncated tar.bz2', 'cut.tar.bz2', () => TINY_TAR_BZ2.subarray(0, 400)],
    ['tar.bz2 with a flipped byte', 'flip.tar.bz2', () => flip(TINY_TAR_BZ2, 300)],
    ['truncated tar.xz', 'cut.tar.xz', () => TINY_TAR_XZ.subarray(0, 300)],
    ['tar.xz with a flipped byte', 'flip.tar.xz', () => flip(TINY_TAR_XZ, 200)],
  ])('%s', async (_label, name, make) => {
    const { err } = await expectFailure(name, make(), 'HAUL_E_ARCHIVE_CORRUPT');
    expect(err.message.length).toBeGreaterThan(10);
  });

  function flip(buf: Buffer, at: number): Buffer {
    const copy = Buffer.from(buf);
    copy[at] = copy[at]! ^ 0x55;
    return copy;
  }
});

describe('cancellation', () => {
  it('an abort mid-way stops the extraction and removes the partial output', async () => {
    const archive = await gzippedTarOfZeros(64 * MiB);
    const zip = zipArchive([{ name: 'first.txt', data: 'first' }, { name: 'z.bin', raw: await deflatedZeros(64 * MiB) }]);
    for (const [name, bytes] of [['big.tar.gz', archive], ['big.zip', zip]] as const) {
      const ac = new AbortController();
      // Progress is throttled, so abort at its first report: an entry has started by then.
      const onProgress = (p: { entries: number }): void => void (p.entries > 0 && ac.abort());
      await expectFailure(name, bytes, 'HAUL_E_CANCELLED', { signal: ac.signal, onProgress, limits: { maxRatio: 1e9 } });
      await rm(join(dirs.dl, name));
    }
  });

  it('an already aborted signal creates nothing', async () => {
    await expectFailure('a.tar', tarArchive([{ name: 'a', data: 'a' }]), 'HAUL_E_CANCELLED', { signal: AbortSignal.abort() });
  });
});
