// The streamed verification's hold on the download, against a real hashing worker: when the
// written prefix runs too far ahead of the hash, the download waits until the worker catches up,
// and never longer than the hold limit.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPool } from '../pool/pool-test-kit';
import type { ProcessPool } from '../pool/process-pool';
import { LiveSegment } from './segment-table';
import { Verification, type OpenStreamingHash } from './verification';

const MIB = 1024 * 1024;
const SIZE = 24 * MIB;
let dir: string;
let file: string;
let data: Buffer;
let pool: ProcessPool;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'haul-verify-'));
  data = randomBytes(SIZE);
  file = path.join(dir, 'f.bin.part');
  await writeFile(file, data);
  pool = testPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

const open: OpenStreamingHash = (p, algo) => pool.openHashSession({ path: p, algo });
const expected = () => ({ algo: 'sha256' as const, hex: createHash('sha256').update(data).digest('hex') });
/** One range written up to `upTo`, as the download's table would show it. */
const writtenTo = (upTo: number): LiveSegment[] => {
  const seg = new LiveSegment(0, SIZE);
  seg.written = upTo;
  return [seg];
};

/** A promise plus a flag telling whether it has settled yet. */
function watch(p: Promise<void>): { readonly done: boolean } {
  const state = { done: false };
  void p.then(() => void (state.done = true));
  return state;
}

describe('Verification.gate', () => {
  it('lets the download go while the hash keeps up, holds it once the lead passes the limit, and lets go when the hash is close again', async () => {
    const v = new Verification(expected(), open, file, { max: 4 * MIB, resume: 2 * MIB, maxHoldMs: 10_000 });
    v.progress(writtenTo(2 * MIB));
    expect(v.gate()).toBeNull(); // 2 MiB ahead: within the limit
    v.progress(writtenTo(SIZE));
    const hold = v.gate();
    expect(hold).not.toBeNull();
    expect(v.gate()).toBe(hold); // every connection waits on the same hold
    await hold;
    // Released once the worker was within 2 MiB of the written prefix: no hold now.
    expect(v.gate()).toBeNull();
    expect((await v.finish(SIZE)).ok).toBe(true);
  });

  it('never holds longer than the limit, even when the hash cannot move', async () => {
    // A FIFO nobody writes to: the worker's read waits forever, with no progress and no error.
    const stuck = path.join(dir, 'stuck.part');
    execFileSync('mkfifo', [stuck]);
    const v = new Verification(expected(), open, stuck, { max: 4 * MIB, resume: 2 * MIB, maxHoldMs: 300 });
    v.progress(writtenTo(SIZE));
    const started = performance.now();
    const hold = v.gate();
    expect(hold).not.toBeNull();
    const held = watch(hold!);
    await new Promise((r) => setImmediate(r));
    expect(held.done).toBe(false); // it does hold
    // …and lets go by itself although the hash never moves.
    const guard = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('still held after 20 s')), 20_000).unref());
    await Promise.race([hold, guard]);
    // Timers fire late, never early: it held for the limit (how far past it on a busy machine is no test's business).
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(v.gate()).not.toBeNull(); // still far behind: the next chunk is held again
    v.cancel();
    closeSync(openSync(stuck, 'w')); // let the worker's read end
  });

  it('a cancelled verification lets a held download go', async () => {
    const v = new Verification(expected(), open, file, { max: 1, resume: 0, maxHoldMs: 60_000 });
    v.progress(writtenTo(SIZE));
    const hold = v.gate();
    v.cancel();
    await expect(hold).resolves.toBeUndefined();
    expect(v.gate()).toBeNull();
  });
});

describe('Verification.stage', () => {
  it('is empty while the download runs, then tells how far the final hash is', async () => {
    const v = new Verification(expected(), open, file);
    v.progress(writtenTo(SIZE));
    expect(v.stage()).toBeNull();
    const result = v.finish(SIZE);
    const during = v.stage();
    expect(during?.total).toBe(SIZE);
    expect(during!.done).toBeLessThanOrEqual(SIZE);
    expect((await result).ok).toBe(true);
    expect(v.stage()).toEqual({ done: SIZE, total: SIZE });
  });
});
