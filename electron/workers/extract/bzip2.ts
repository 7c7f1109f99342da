// bzip2 → Readable with backpressure, one block per _read(). seek-bzip (pure JS, no native build)
// decodes a block synchronously; the largest block expands to about 46 MB (900 kB of symbols with
// run-length codes of up to 251 repeats), so that is the memory bound, whatever the archive says.

import { closeSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import Bunzip, { type ByteInput, type ByteOutput } from 'seek-bzip';
import { HaulError } from '../../../shared/errors';
import { corrupt } from './errors';

const READ_SIZE = 256 * 1024;
const CHUNK = 64 * 1024;

/** Synchronous reads: the decoder pulls bytes one at a time from inside a block. */
class FileInput implements ByteInput {
  private readonly buf = Buffer.allocUnsafe(READ_SIZE);
  private pos = 0;
  private end = 0;
  private filled = 0;

  constructor(private readonly fd: number) {}

  readByte(): number {
    if (this.pos === this.end && !this.fill()) throw corrupt('The bzip2 data ends in the middle of a block (truncated)');
    return this.buf[this.pos++]!;
  }

  read(buffer: Buffer, offset: number, length: number): number {
    for (let i = 0; i < length; i++) buffer[offset + i] = this.readByte();
    return length;
  }

  get consumed(): number {
    return this.filled - (this.end - this.pos);
  }

  atEnd(): boolean {
    return this.pos === this.end && !this.fill();
  }

  private fill(): boolean {
    this.end = readSync(this.fd, this.buf, 0, READ_SIZE, null);
    this.pos = 0;
    this.filled += this.end;
    return this.end > 0;
  }
}

class ChunkOutput implements ByteOutput {
  private cur = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private full: Buffer[] = [];

  writeByte(byte: number): void {
    this.cur[this.pos++] = byte;
    if (this.pos === CHUNK) {
      this.full.push(this.cur);
      this.cur = Buffer.allocUnsafe(CHUNK);
      this.pos = 0;
    }
  }

  take(): Buffer[] {
    const out = this.full;
    if (this.pos > 0) out.push(Buffer.from(this.cur.subarray(0, this.pos)));
    this.full = [];
    this.pos = 0;
    return out;
  }
}

export interface Bzip2Source {
  stream: Readable;
  /** Compressed bytes consumed so far. */
  consumed(): number;
}

export function bunzip2File(file: string): Bzip2Source {
  let fd: number | null = null;
  let input: FileInput | null = null;
  let bz: Bunzip | null = null;
  const output = new ChunkOutput();

  /** One step: a block, or a stream trailer; true when the last stream is done. */
  const step = (): boolean => {
    if (!input || !bz) {
      fd = openSync(file, 'r');
      input = new FileInput(fd);
      bz = new Bunzip(input, output);
      return false;
    }
    if (bz._init_block()) {
      bz._read_bunzip();
      return false;
    }
    const expected = bz.reader.read(32) >>> 0;
    if (expected !== bz.streamCRC) throw corrupt('The bzip2 data fails its CRC check');
    if (input.atEnd()) return true;
    try {
      bz._start_bunzip(input, output); // concatenated streams (pbzip2 writes these)
    } catch {
      return true; // trailing padding or garbage after the last stream, ignored as bzip2 does
    }
    return false;
  };

  const stream = new Readable({
    highWaterMark: CHUNK * 4,
    read() {
      try {
        let done = false;
        let pushed = 0;
        while (!done && pushed === 0) {
          done = step();
          for (const chunk of output.take()) {
            pushed += chunk.length;
            this.push(chunk);
          }
        }
        if (done) this.push(null);
      } catch (err) {
        this.destroy(err instanceof HaulError ? err : corrupt('The bzip2 data is damaged', err));
      }
    },
    destroy(err, callback) {
      if (fd !== null) closeSync(fd);
      fd = null;
      callback(err);
    },
  });
  return { stream, consumed: () => input?.consumed ?? 0 };
}
