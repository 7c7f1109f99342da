// Reading zip entry data. Small entries are read and inflated synchronously in one go (at most
// SMALL_UNCOMPRESSED held at once), big ones are streamed; both stop at the size the entry
// declares and check its CRC.
// A node_modules-like zip has thousands of tiny entries, and a thread-pool round trip per read
// and per inflate made Haul several times slower than unzip before this.

import { closeSync, read, readSync } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { HaulError } from '../../../shared/errors';
import { corrupt, limit, printable } from './errors';

const SMALL_COMPRESSED = 1024 * 1024;
const SMALL_UNCOMPRESSED = 8 * 1024 * 1024;
const READ_CHUNK = 256 * 1024;
const WINDOW = 256 * 1024;

/**
 * yauzl's reader interface over one fd. Small reads (central directory records, local headers,
 * small entries) are answered synchronously from a read-ahead window: entries sit one after the
 * other, so one pread serves many of them.
 */
export class SyncFileReader extends yauzl.RandomAccessReader {
  private readonly window = Buffer.allocUnsafe(WINDOW);
  private windowStart = 0;
  private windowLength = 0;

  constructor(readonly fd: number) {
    super();
  }

  /** Not fs.createReadStream: destroying one closes the fd, which is shared by every entry. */
  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd;
    let pos = start;
    return new Readable({
      highWaterMark: READ_CHUNK,
      read() {
        const n = Math.min(READ_CHUNK, end - pos);
        if (n <= 0) {
          this.push(null);
          return;
        }
        const buf = Buffer.allocUnsafe(n);
        read(fd, buf, 0, n, pos, (err, got) => {
          if (err || got === 0) {
            this.destroy(err ?? new Error('unexpected end of file'));
            return;
          }
          pos += got;
          this.push(buf.subarray(0, got));
        });
      },
    });
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    let done = 0;
    try {
      done = this.readAt(buffer.subarray(offset, offset + length), position);
    } catch (err) {
      callback(err as Error);
      return;
    }
    callback(null, done);
  }

  override close(callback: (err: Error | null) => void): void {
    try {
      closeSync(this.fd);
      callback(null);
    } catch (err) {
      callback(err as Error);
    }
  }

  /** Fills `target` from `position`; returns the bytes read (fewer only at the end of the file). */
  readAt(target: Buffer, position: number): number {
    if (target.length > WINDOW / 2) return readFully(this.fd, target, 0, target.length, position);
    const inWindow = position >= this.windowStart && position + target.length <= this.windowStart + this.windowLength;
    if (!inWindow) {
      this.windowStart = position;
      this.windowLength = readFully(this.fd, this.window, 0, WINDOW, position);
    }
    const from = position - this.windowStart;
    const n = Math.max(0, Math.min(target.length, this.windowLength - from));
    this.window.copy(target, 0, from, from + n);
    return n;
  }
}

function readFully(fd: number, buffer: Buffer, offset: number, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, offset + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

export function isSmall(entry: Entry): boolean {
  return entry.compressedSize <= SMALL_COMPRESSED && entry.uncompressedSize <= SMALL_UNCOMPRESSED;
}

function dataStart(zip: ZipFile, entry: Entry): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.readLocalFileHeader(entry, { minimal: true }, (err, header) => (err ? reject(err) : resolve(header.fileDataStart)));
  });
}

/**
 * The whole entry, for small ones; inflating past the declared size stops at once. Synchronous on
 * purpose: a thread-pool inflate per small entry costs two context switches each, which measured
 * slower than inflating here.
 */
export async function readSmallEntry(zip: ZipFile, reader: SyncFileReader, entry: Entry, name: string): Promise<Buffer> {
  let data: Buffer;
  try {
    const raw = Buffer.allocUnsafe(entry.compressedSize);
    if (reader.readAt(raw, await dataStart(zip, entry)) < raw.length) throw new Error('unexpected end of file');
    const size = Math.max(entry.uncompressedSize, 1);
    data = entry.compressionMethod === 0 ? raw : inflateRawSync(raw, { maxOutputLength: size });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw inflatesTooMuch(entry, name);
    throw corrupt(`Entry "${printable(name)}" is damaged`, err);
  }
  if (data.length !== entry.uncompressedSize) {
    if (data.length > entry.uncompressedSize) throw inflatesTooMuch(entry, name);
    throw corrupt(`Entry "${printable(name)}" is shorter than it declares`);
  }
  checkCrc(crc32(data), entry, name);
  return data;
}

/**
 * The entry's bytes as a stream, for big entries. Not yauzl's openReadStream: its inflater
 * hands back 16 KiB per thread-pool round trip; this one asks for 256 KiB. The size check is the
 * same idea as yauzl's validateEntrySizes: count what actually comes out, stop past the claim.
 */
export async function* streamEntry(zip: ZipFile, reader: SyncFileReader, entry: Entry, name: string): AsyncGenerator<Buffer> {
  let start: number;
  try {
    start = await dataStart(zip, entry);
  } catch (err) {
    throw corrupt(`Entry "${printable(name)}" cannot be read`, err);
  }
  const source = reader._readStreamForRange(start, start + entry.compressedSize);
  const stream = entry.compressionMethod === 0 ? source : pipeline(source, createInflateRaw({ chunkSize: READ_CHUNK }), () => {});
  let crc = 0;
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.uncompressedSize) throw inflatesTooMuch(entry, name);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof HaulError) throw err;
    throw corrupt(`Entry "${printable(name)}" is damaged`, err);
  } finally {
    stream.destroy();
    source.destroy();
  }
  if (total < entry.uncompressedSize) throw corrupt(`Entry "${printable(name)}" is shorter than it declares`);
  checkCrc(crc, entry, name);
}

function checkCrc(crc: number, entry: Entry, name: string): void {
  if (crc >>> 0 !== entry.crc32 >>> 0) throw corrupt(`Entry "${printable(name)}" fails its CRC check`);
}

function inflatesTooMuch(entry: Entry, name: string): HaulError {
  return limit(`Entry "${printable(name)}" inflates past the ${entry.uncompressedSize} bytes it declares: likely a zip bomb`);
}
