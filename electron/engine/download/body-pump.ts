// Moves one response body into the part file at its segment's offset: throttled, gathered into
// large vectored writes, cut exactly at the segment's (possibly shrinking) end. One write may be
// in flight while the next chunks are read, so the socket and the disk work at the same time.
import { HaulError } from '../../../shared/errors';
import type { ResponseBody } from '../http/http-client';
import { networkError } from '../http/http-client';
import type { PartFile } from './part-file';
import { throttle, type TokenBucket } from './rate-limiter';
import type { LiveBody, LiveSegment } from './segment-table';
import type { SpeedMeter } from './speed-meter';

/** Fewer, larger writes: one syscall per ~256 KiB, not per socket read. Larger batches measured no faster and keep more garbage alive. */
const GATHER_BYTES = 256 * 1024;

export interface PumpTarget {
  part: PartFile;
  buckets: readonly TokenBucket[];
  jobMeter: SpeedMeter;
  url: string;
  signal: AbortSignal;
  /** Told each time a write has landed (streamed verification follows the written prefix). */
  onWritten?: () => void;
  /** A promise while the download must wait (for the streamed hash to catch up); null to go on. */
  gate?: () => Promise<void> | null;
}

/** Writes gathered chunks in order, at most one write in flight; `written` moves only when one lands. */
class SegmentWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private writePos: number;
  private inFlight: Promise<void> | null = null;
  private failed: unknown = null;

  constructor(
    private readonly part: PartFile,
    private readonly seg: LiveSegment,
    private readonly onWritten?: () => void,
  ) {
    this.writePos = seg.reserved;
  }

  add(piece: Buffer): void {
    this.pending.push(piece);
    this.pendingBytes += piece.length;
  }

  get full(): boolean {
    return this.pendingBytes >= GATHER_BYTES;
  }

  /** Starts writing what is gathered. Returns a promise only when the previous write must land first. */
  push(): Promise<void> | null {
    const previous = this.inFlight;
    if (!previous) {
      this.start();
      return null;
    }
    // Whoever runs first after the previous write landed starts the next one (drain() may too).
    return previous.then(() => {
      if (!this.inFlight) this.start();
    });
  }

  /**
   * Everything gathered has landed; throws the write error if there was one. A push() still
   * waiting may start the next write meanwhile: loop until nothing is in flight or pending.
   */
  async drain(): Promise<void> {
    while (!this.failed && (this.inFlight || this.pendingBytes > 0)) {
      if (this.inFlight) await this.inFlight;
      else this.start();
    }
    if (this.failed) throw this.failed;
  }

  private start(): void {
    if (this.failed) throw this.failed;
    if (this.pendingBytes === 0) return;
    const chunks = this.pending;
    const n = this.pendingBytes;
    const at = this.writePos;
    this.pending = [];
    this.pendingBytes = 0;
    this.writePos += n;
    // The write clears `inFlight` itself when it lands, before anyone waiting on it runs.
    const write: Promise<void> = this.part.writev(chunks, at).then(
      () => {
        this.seg.written += n;
        if (this.inFlight === write) this.inFlight = null;
        this.onWritten?.();
      },
      (err: unknown) => {
        this.failed = err;
        if (this.inFlight === write) this.inFlight = null;
      },
    );
    this.inFlight = write;
  }
}

/** `requestEnd` is the exclusive end the request asked for (null for an open-ended request). */
/**
 * `partOfUnknown`: the response is a 206 of unknown total (`bytes 0-N/*`) for a segment of unknown
 * length. Its end is the range's, not the file's: the segment stays open for the next request.
 */
export async function pumpBody(t: PumpTarget, seg: LiveSegment, body: ResponseBody, requestEnd: number | null, partOfUnknown = false): Promise<void> {
  const from = seg.written;
  const writer = new SegmentWriter(t.part, seg, t.onWritten);
  let cut = false;
  const stop = (): void => {
    cut = true;
    body.cancel();
  };
  // How this response is doing, for a free connection weighing a takeover of its tail.
  const now = performance.now();
  const live: LiveBody = { since: now, readyAt: now, limitedAt: Number.NEGATIVE_INFINITY, cut: stop, takenOver: false };
  /** Held back by a speed limit or the verification: its speed then says more about us than about the server. */
  const limited = (wait: Promise<void>): Promise<void> => {
    live.limitedAt = Number.POSITIVE_INFINITY;
    return wait.then(() => void (live.limitedAt = performance.now()));
  };

  const accept = (chunk: Buffer): Promise<void> | undefined => {
    // Look at `end` again: another connection may have taken half of this range meanwhile.
    const room = roomIn(seg, chunk);
    if (room <= 0 || t.signal.aborted) {
      stop();
      return undefined;
    }
    const piece = room >= chunk.length ? chunk : chunk.subarray(0, room);
    seg.reserved += piece.length;
    writer.add(piece);
    seg.meter.record(piece.length);
    t.jobMeter.record(piece.length);
    const wait = writer.full ? writer.push() : null;
    // Cut the response only when this range was shortened; otherwise let it end by itself so
    // the connection stays alive for the next request.
    if (seg.end !== null && seg.reserved >= seg.end && seg.end !== requestEnd) stop();
    return wait ?? undefined;
  };

  // Charge the limiter only for bytes that will be used.
  const charge = (chunk: Buffer, room: number): Promise<void> | undefined => {
    const wait = throttle(t.buckets, Math.min(room, chunk.length));
    return wait ? limited(wait).then(() => accept(chunk)) : accept(chunk);
  };

  let bodyError: unknown = null;
  t.signal.addEventListener('abort', stop, { once: true });
  seg.meter.reset();
  seg.body = live;
  try {
    await body.consume((chunk) => {
      if (cut) return undefined;
      const room = roomIn(seg, chunk);
      if (room <= 0) return stop();
      // Busy on this side (disk, limits) until the chunk is taken: that is no silence of the server's.
      live.readyAt = null;
      const hold = t.gate?.();
      const taken = hold ? limited(hold).then(() => charge(chunk, room)) : charge(chunk, room);
      if (!taken) {
        live.readyAt = performance.now();
        return undefined;
      }
      return taken.then(() => void (live.readyAt = performance.now()));
    });
  } catch (err) {
    if (err instanceof HaulError) throw err; // a disk error from a write
    bodyError = err;
  } finally {
    t.signal.removeEventListener('abort', stop);
    seg.body = null;
  }
  // Bytes that arrived before a network error are good: write them, then report the error.
  await writer.drain();
  if (t.signal.aborted) return;
  if (bodyError) throw networkError(bodyError, t.url);
  if (seg.end === null && partOfUnknown) {
    // A part that brought nothing would have the next request ask for the same bytes forever.
    if (seg.written === from) throw new HaulError('HAUL_E_SHORT_BODY', `The server sent an empty part at byte ${from} of a file of unknown length.`);
  } else if (seg.end === null) {
    // Unknown length: the body's end is the file's end.
    seg.end = seg.written;
  } else if (seg.written < seg.end) {
    throw new HaulError('HAUL_E_SHORT_BODY', `The server ended the response early at byte ${seg.written} of a range ending at ${seg.end}.`);
  }
}

function roomIn(seg: LiveSegment, chunk: Buffer): number {
  return seg.end === null ? chunk.length : seg.end - seg.reserved;
}
