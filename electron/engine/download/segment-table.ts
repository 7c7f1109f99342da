// Live byte ranges of one download. `reserved` moves when bytes are accepted for writing and
// `written` when the write has completed; only `written` is ever persisted, and only after a sync.
import type { SegmentSnapshot } from '../../../shared/models/job';
import type { SegmentRecord } from '../store/job-store';
import { chooseSplitVictim, planInitialRanges, planPieces, splitPoint, type PiecePlan } from './segment-planner';
import { SpeedMeter } from './speed-meter';
import { planTailTakeover, type FreshConnection } from './tail-takeover';

/** The response body being written into a range right now. */
export interface LiveBody {
  /** performance.now() when its headers arrived. */
  since: number;
  /** When it last became ready for the server's next chunk; null while busy on this side (disk, limits). */
  readyAt: number | null;
  /** When a speed limit or the verification last held it back; +Infinity while one does. */
  limitedAt: number;
  /** Ends the body at once (for a range shortened to what it already accepted: no chunk may come to notice). */
  cut: () => void;
  /** A takeover already shortened this range under this body. */
  takenOver: boolean;
}

export class LiveSegment {
  reserved: number;
  written: number;
  claimed = false;
  /** Speed of the current response (reset when one starts). */
  readonly meter = new SpeedMeter();
  body: LiveBody | null = null;

  constructor(
    readonly start: number,
    /** Exclusive; null while the total is unknown. Shrinks when another connection takes half. */
    public end: number | null,
    done = 0,
  ) {
    this.reserved = start + done;
    this.written = start + done;
  }

  get complete(): boolean {
    return this.end !== null && this.written >= this.end;
  }

  get remaining(): number {
    return this.end === null ? Number.POSITIVE_INFINITY : Math.max(0, this.end - this.reserved);
  }
}

export class SegmentTable {
  segments: LiveSegment[];

  constructor(records: SegmentRecord[]) {
    this.segments = records.map((r) => new LiveSegment(r.start, r.end, r.done));
  }

  /** `pieces`: cut into pieces (see planPieces) instead of one range per connection. */
  static fresh(total: number | null, connections: number, minSplit: number, ranges: boolean, pieces: PiecePlan | null = null): SegmentTable {
    if (total === null || !ranges) return new SegmentTable([{ start: 0, end: total, done: 0 }]);
    const plan = pieces !== null && total / connections > pieces.size ? planPieces(total, pieces) : planInitialRanges(total, connections, minSplit);
    return new SegmentTable(plan.map((r) => ({ ...r, done: 0 })));
  }

  get written(): number {
    let sum = 0;
    for (const s of this.segments) sum += s.written - s.start;
    return sum;
  }

  /** Bytes received so far, written or still on their way to the disk: what people watch move. */
  get received(): number {
    let sum = 0;
    for (const s of this.segments) sum += s.reserved - s.start;
    return sum;
  }

  get allComplete(): boolean {
    return this.segments.every((s) => s.complete);
  }

  activeCount(): number {
    return this.segments.filter((s) => s.claimed).length;
  }

  /** The first unfinished range nobody works on, claimed for the caller. */
  claimNext(): LiveSegment | null {
    const s = this.segments.find((x) => !x.claimed && !x.complete);
    if (s) s.claimed = true;
    return s ?? null;
  }

  /**
   * Whether another connection would get a range: an unclaimed unfinished one, or a running one
   * that steal(minPiece) could halve (`minPiece` null: no splitting). A one-range small file then
   * costs one connection task, not one per configured connection.
   */
  hasWorkFor(minPiece: number | null): boolean {
    return this.segments.some(
      (s) => !s.complete && (!s.claimed || (minPiece !== null && s.end !== null && s.end - s.reserved >= 2 * minPiece)),
    );
  }

  /** Takes the upper half of the running range with the longest time left; null if none is worth it. */
  steal(minPiece: number): LiveSegment | null {
    const running = this.segments.filter((s) => s.claimed && s.end !== null && !s.complete);
    const i = chooseSplitVictim(
      running.map((s) => ({ pos: s.reserved, end: s.end!, speed: s.meter.rate() })),
      minPiece,
    );
    if (i < 0) return null;
    const victim = running[i]!;
    return this.splitAt(victim, splitPoint(victim.reserved, victim.end!));
  }

  /**
   * Takes over the tail of a response that is slow (or stalled) next to what a fresh connection
   * would do, below the minimum split size too; null if none is worth it (see planTailTakeover).
   * A response is cut this way once, and again only when it stalls. Silence counts only from
   * `quietFrom` on (when this side is known to have been reading).
   */
  takeOverTail(fresh: FreshConnection | null, now = performance.now(), quietFrom = Number.NEGATIVE_INFINITY): LiveSegment | null {
    if (!fresh) return null;
    const running = this.segments.filter((s) => s.claimed && s.body !== null && s.end !== null && !s.complete);
    const plan = planTailTakeover(
      running.map((s) => {
        const b = s.body!;
        return {
          pos: s.reserved,
          end: s.end!,
          speed: s.meter.rate(),
          runningMs: now - b.since,
          silentMs: b.readyAt === null ? 0 : now - Math.max(b.readyAt, quietFrom),
          limitedMs: now - b.limitedAt,
          takenOver: b.takenOver,
        };
      }),
      fresh,
    );
    if (!plan) return null;
    const victim = running[plan.index]!;
    victim.body!.takenOver = true;
    return this.splitAt(victim, plan.cut);
  }

  /** [cut, end) becomes a new range, already claimed; `cut` is never below what the victim accepted. */
  private splitAt(victim: LiveSegment, cut: number): LiveSegment {
    const piece = new LiveSegment(cut, victim.end);
    piece.claimed = true;
    victim.end = cut;
    this.segments.push(piece);
    this.segments.sort((a, b) => a.start - b.start);
    // Its body sees the new end with its next chunk; one that has everything it may write now
    // must not wait for a chunk that a stalled server may never send.
    if (victim.reserved >= cut) victim.body?.cut();
    return piece;
  }

  /** What may be recorded once the file has been synced: taken *before* the sync. */
  records(): SegmentRecord[] {
    return this.segments.map((s) => ({ start: s.start, end: s.end, done: s.written - s.start }));
  }

  snapshots(): SegmentSnapshot[] {
    return this.segments.map((s) => ({
      start: s.start,
      end: s.end,
      // What came in, not yet what was synced: writes are gathered, and a slow connection's bar must still move.
      received: s.reserved - s.start,
      speed: s.claimed ? s.meter.rate() : 0,
      active: s.claimed,
    }));
  }

  /** Merges finished neighbours so the table stays small on long downloads. */
  compact(): void {
    const out: LiveSegment[] = [];
    for (const s of this.segments) {
      const prev = out[out.length - 1];
      if (prev && prev.complete && s.complete && prev.end === s.start && !prev.claimed && !s.claimed) {
        const merged = new LiveSegment(prev.start, s.end, s.end! - prev.start);
        out[out.length - 1] = merged;
      } else {
        out.push(s);
      }
    }
    this.segments = out;
  }
}
