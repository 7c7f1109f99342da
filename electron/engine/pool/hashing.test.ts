// Hashing in real worker processes: one-shot digests against node:crypto, and streamed sessions
// fed out of order the way a segmented download completes.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecksumAlgo } from '../../../shared/models/job';
import type { ToWorker } from '../../../shared/pool-protocol';
import { ChildProcessSpawner } from './child-process-spawner';
import { haulError, isAlive, testPool, waitUntil } from './pool-test-kit';
import type { ProcessPool } from './process-pool';
import type { Spawner } from './spawner';

const MIB = 1024 * 1024;
const SIZE = 20 * MIB + 12_345; // many 2 MiB reads, and a ragged last one
const ALGOS: ChecksumAlgo[] = ['md5', 'sha1', 'sha256', 'sha512'];

let dir: string;
let data: Buffer;
let file: string;
let pool: ProcessPool;

const digest = (algo: ChecksumAlgo, buf: Buffer): string => createHash(algo).update(buf).digest('hex');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'haul-hash-'));
  data = randomBytes(SIZE);
  file = path.join(dir, 'data.bin');
  await writeFile(file, data);
  pool = testPool({ size: 2 });
});

afterAll(async () => {
  await pool?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Segments of uneven sizes, as a segmented download would cut the file. */
function segments(size: number, count: number): { start: number; end: number }[] {
  const cuts = [0];
  for (let i = 1; i < count; i++) cuts.push(Math.floor((size * i) / count) + ((i * 7919) % 4096));
  cuts.push(size);
  return cuts.slice(0, -1).map((start, i) => ({ start, end: cuts[i + 1]! }));
}

/** End of the run of written bytes that starts at offset 0. */
function contiguousPrefix(written: { start: number; end: number }[]): number {
  let prefix = 0;
  for (const r of [...written].sort((a, b) => a.start - b.start)) {
    if (r.start > prefix) break;
    prefix = Math.max(prefix, r.end);
  }
  return prefix;
}

describe('hashFile', () => {
  it.each(ALGOS)('matches node:crypto for %s on a multi-chunk file, with progress up to the last byte', async (algo) => {
    const progress: number[] = [];
    const hex = await pool.hashFile({ path: file, algo, onProgress: (p) => progress.push(p.bytes) });
    expect(hex).toBe(digest(algo, data));
    expect(progress.at(-1)).toBe(SIZE);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('hashes a byte range [start, end)', async () => {
    const hex = await pool.hashFile({ path: file, algo: 'sha256', start: 3 * MIB + 5, end: 9 * MIB + 1 });
    expect(hex).toBe(digest('sha256', data.subarray(3 * MIB + 5, 9 * MIB + 1)));
  });

  it('fails clearly for a missing file or a range past its end', async () => {
    const missing = await haulError(pool.hashFile({ path: path.join(dir, 'nope.bin'), algo: 'md5' }));
    expect(missing.code).toBe('HAUL_E_NOT_FOUND');
    const short = await haulError(pool.hashFile({ path: file, algo: 'md5', end: SIZE + 1 }));
    expect(short.code).toBe('HAUL_E_SHORT_BODY');
  });
});

describe('hash sessions (streamed verification)', () => {
  it('a session cancelled while a read is in flight leaves its worker alive, even when that read then fails', async () => {
    // A FIFO: the worker's open waits for a writer; the positional read after it fails (ESPIPE).
    const fifo = path.join(dir, 'stuck.fifo');
    execFileSync('mkfifo', [fifo]);
    const session = pool.openHashSession({ path: fifo, algo: 'sha256' });
    const pid = session.workerPid!;
    session.advance(MIB);
    await new Promise((r) => setTimeout(r, 100));
    session.cancel();
    closeSync(openSync(fifo, 'w'));
    await new Promise((r) => setTimeout(r, 300));
    expect(isAlive(pid)).toBe(true);
  });

  it('give the one-shot digest when segments complete out of order and only the contiguous prefix is advanced', async () => {
    const part = path.join(dir, 'download.bin.part');
    const fh = await open(part, 'w');
    const session = pool.openHashSession({ path: part, algo: 'sha256' });
    try {
      const segs = segments(SIZE, 9);
      // Later ranges land first, like connections that started late but finished early.
      const order = [7, 2, 8, 0, 5, 1, 3, 6, 4];
      const written: { start: number; end: number }[] = [];
      let prefix = 0;
      for (const [n, i] of order.entries()) {
        const seg = segs[i]!;
        if (n === order.length - 1) {
          // Before the last segment lands, the worker must already have hashed the prefix so far.
          await waitUntil(() => session.hashed === prefix, 'the worker to catch up with the prefix');
          expect(prefix).toBeGreaterThan(SIZE / 3);
        }
        // Positional writes in 256 KiB pieces, advancing after each: far more advances than the worker needs.
        for (let at = seg.start; at < seg.end; at += 256 * 1024) {
          const stop = Math.min(seg.end, at + 256 * 1024);
          await fh.write(data, at, stop - at, at);
          written.push({ start: at, end: stop });
          prefix = contiguousPrefix(written);
          session.advance(prefix);
        }
      }
      expect(prefix).toBe(SIZE);
      const streamed = await session.finish(SIZE);
      expect(streamed).toBe(digest('sha256', data));
      expect(streamed).toBe(await pool.hashFile({ path: part, algo: 'sha256' }));
      expect(session.hashed).toBe(SIZE);
    } finally {
      session.cancel();
      await fh.close();
    }
  });

  it('coalesce advances that come faster than the worker hashes', async () => {
    const sent: ToWorker[] = [];
    const base = new ChildProcessSpawner();
    const counting: Spawner = {
      spawn(script, options) {
        const proc = base.spawn(script, options);
        return {
          get pid() {
            return proc.pid;
          },
          send: (m) => {
            sent.push(m);
            proc.send(m);
          },
          onMessage: (l) => proc.onMessage(l),
          onExit: (l) => proc.onExit(l),
          kill: () => proc.kill(),
        };
      },
    };
    const own = testPool({ size: 1, spawner: counting });
    try {
      const session = own.openHashSession({ path: file, algo: 'md5' });
      let calls = 0;
      for (let upTo = 16 * 1024; upTo <= SIZE; upTo += 16 * 1024) {
        session.advance(upTo);
        calls++;
        // Let acknowledgements in now and then, as a download's event loop would.
        if (calls % 32 === 0) await new Promise((r) => setImmediate(r));
      }
      await waitUntil(() => session.hashed > 0, 'some of the prefix to be hashed');
      expect(await session.finish(SIZE)).toBe(digest('md5', data));
      const advances = sent.filter((m) => m.type === 'session-advance').length;
      expect(calls).toBeGreaterThan(1000);
      expect(advances).toBeLessThan(calls / 10);
    } finally {
      await own.close();
    }
  });

  it('fall back to a one-shot hash on another worker when the pinned worker is killed', async () => {
    const session = pool.openHashSession({ path: file, algo: 'sha1' });
    session.advance(5 * MIB);
    await waitUntil(() => session.hashed === 5 * MIB, 'the first advance to be hashed');
    const pinned = session.workerPid!;
    process.kill(pinned, 'SIGKILL');
    await waitUntil(() => session.workerPid === undefined, 'the pool to notice the dead worker');
    session.advance(10 * MIB); // ignored now: nothing to feed
    expect(await session.finish(SIZE)).toBe(digest('sha1', data));
    expect(isAlive(pinned)).toBe(false);
    expect(pool.workerPids()).not.toContain(pinned);
  });

  it('report a missing file at finish(), and a cancelled session rejects with HAUL_E_CANCELLED', async () => {
    const missing = pool.openHashSession({ path: path.join(dir, 'gone.part'), algo: 'md5' });
    missing.advance(100);
    expect((await haulError(missing.finish(100))).code).toBe('HAUL_E_NOT_FOUND');

    const cancelled = pool.openHashSession({ path: file, algo: 'sha512' });
    cancelled.advance(MIB);
    const finishing = cancelled.finish(SIZE);
    cancelled.cancel();
    expect((await haulError(finishing)).code).toBe('HAUL_E_CANCELLED');
  });
});
