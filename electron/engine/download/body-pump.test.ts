// The pump against a real part file, fed by an in-memory body that delivers chunks as fast as the
// pump takes them (like a socket with a full buffer): what lands on disk and when the pump ends.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BodySource } from '../http/dispatch-response';
import { pumpBody, type PumpTarget } from './body-pump';
import { PartFile } from './part-file';
import { SegmentTable } from './segment-table';
import { SpeedMeter } from './speed-meter';

const KiB = 1024;
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/**
 * Delivers `data` in `chunk`-sized pieces, waiting whenever the sink asks it to. Like the HTTP
 * client's body, cancel() settles consume() at once, even while the sink's last wait is pending.
 */
function memoryBody(data: Buffer, chunk: number): BodySource & { cancelled: boolean } {
  let settle: (() => void) | null = null;
  const body = {
    cancelled: false,
    consume(sink: (c: Buffer) => void | Promise<void>): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        settle = resolve;
        void (async () => {
          for (let at = 0; at < data.length && !body.cancelled; at += chunk) {
            const wait = sink(data.subarray(at, at + chunk));
            if (wait) await wait;
          }
        })().then(resolve, reject);
      });
    },
    cancel() {
      body.cancelled = true;
      settle?.();
    },
  };
  return body;
}

async function target(): Promise<{ t: PumpTarget; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'haul-pump-'));
  dirs.push(dir);
  const path = join(dir, 'f.part');
  const part = await PartFile.open(path, true);
  return { path, t: { part, buckets: [], jobMeter: new SpeedMeter(), url: 'http://127.0.0.1/f', signal: new AbortController().signal } };
}

describe('pumpBody', () => {
  it('writes every byte of a range cut at its end while writes are still in flight, before it returns', async () => {
    const data = Buffer.alloc(2048 * KiB);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) & 0xff;
    const { t, path } = await target();
    // The response runs past the range (an open-ended first request): the pump must cut it.
    const table = new SegmentTable([{ start: 0, end: 1024 * KiB, done: 0 }]);
    const seg = table.claimNext()!;
    const body = memoryBody(data, 64 * KiB);
    await pumpBody(t, seg, body, null);
    expect(body.cancelled).toBe(true);
    expect(seg.written).toBe(1024 * KiB);
    await t.part.close();
    expect((await readFile(path)).equals(data.subarray(0, 1024 * KiB))).toBe(true);
  });

  it('reports a body that ends before its range as short, after writing what came', async () => {
    const data = Buffer.alloc(300 * KiB, 1);
    const { t, path } = await target();
    const table = new SegmentTable([{ start: 0, end: 512 * KiB, done: 0 }]);
    const seg = table.claimNext()!;
    await expect(pumpBody(t, seg, memoryBody(data, 64 * KiB), 512 * KiB)).rejects.toMatchObject({ code: 'HAUL_E_SHORT_BODY' });
    expect(seg.written).toBe(300 * KiB);
    await t.part.close();
    expect((await readFile(path)).length).toBe(300 * KiB);
  });
});
