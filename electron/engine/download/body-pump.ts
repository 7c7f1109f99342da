// Moves one response body into the part file at its segment's offset: throttled, coalesced
// into larger writes, and cut exactly at the segment's (possibly shrinking) end.
import { HaulError } from '../../../shared/errors';
import type { ResponseBody } from '../http/http-client';
import { discardBody, networkError } from '../http/http-client';
import type { PartFile } from './part-file';
import { throttle, type TokenBucket } from './rate-limiter';
import type { LiveSegment } from './segment-table';
import type { SpeedMeter } from './speed-meter';

/** Fewer, larger writes: one syscall per ~256 KiB instead of one per socket read. */
const COALESCE_BYTES = 256 * 1024;

export interface PumpTarget {
  part: PartFile;
  buckets: readonly TokenBucket[];
  jobMeter: SpeedMeter;
  url: string;
  signal: AbortSignal;
}

/** `requestEnd` is the exclusive end the request asked for (null for an open-ended request). */
export async function pumpBody(t: PumpTarget, seg: LiveSegment, body: ResponseBody, requestEnd: number | null): Promise<void> {
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let writePos = seg.reserved;
  let bodyError: unknown = null;
  let ended = false;

  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    const n = pendingBytes;
    pending.length = 0;
    pendingBytes = 0;
    await t.part.write(buf, writePos);
    writePos += n;
    seg.written += n;
  };

  try {
    for await (const raw of body) {
      const chunk = raw as Buffer;
      // Charge the limiter only for bytes that will be used, then look at `end` again: another
      // connection may have taken half of this range while we waited.
      if (roomIn(seg, chunk) <= 0) break;
      await throttle(t.buckets, Math.min(roomIn(seg, chunk), chunk.length));
      if (t.signal.aborted) break;
      const room = roomIn(seg, chunk);
      if (room <= 0) break;
      const piece = room >= chunk.length ? chunk : chunk.subarray(0, room);
      seg.reserved += piece.length;
      pending.push(piece);
      pendingBytes += piece.length;
      seg.meter.record(piece.length);
      t.jobMeter.record(piece.length);
      if (pendingBytes >= COALESCE_BYTES) await flush();
      // Cut the response only when this range was shortened; otherwise let it end by itself so
      // the connection stays alive for the next request.
      if (seg.end !== null && seg.reserved >= seg.end && seg.end !== requestEnd) break;
    }
    ended = true;
  } catch (err) {
    if (err instanceof HaulError) throw err; // disk errors from flush()
    bodyError = err;
  } finally {
    if (!ended || bodyError) discardBody(body);
  }
  await flush();
  if (t.signal.aborted) return;
  if (bodyError) throw networkError(bodyError, t.url);
  if (seg.end === null) {
    // Unknown length: the body's end is the file's end.
    seg.end = seg.written;
  } else if (seg.written < seg.end) {
    throw new HaulError('HAUL_E_SHORT_BODY', `The server ended the response early at byte ${seg.written} of a range ending at ${seg.end}.`);
  }
}

function roomIn(seg: LiveSegment, chunk: Buffer): number {
  return seg.end === null ? chunk.length : seg.end - seg.reserved;
}
