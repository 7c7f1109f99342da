// Pure planning: how to cut a file into ranges, and which running range a free connection
// should take half of ("halve the slowest": the one with the longest time left).

export interface ByteRange {
  start: number;
  /** Exclusive. */
  end: number;
}

/** Splits points are aligned so that disk writes from different connections rarely share a page. */
export const SPLIT_ALIGN = 64 * 1024;

/** Equal ranges, as many as `connections` allows while each stays at least `minSplit` long. */
export function planInitialRanges(total: number, connections: number, minSplit: number): ByteRange[] {
  if (total <= 0) return [{ start: 0, end: 0 }];
  const count = Math.max(1, Math.min(connections, Math.floor(total / minSplit)));
  const ranges: ByteRange[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const ideal = Math.round(((i + 1) * total) / count);
    const end = i === count - 1 ? total : alignDown(ideal, start);
    ranges.push({ start, end });
    start = end;
  }
  return ranges.filter((r) => r.end > r.start);
}

/**
 * The size of the pieces a download is cut into: about two per connection, never below `minSplit`.
 * A connection that finishes its piece takes the next free one on the same keep-alive connection,
 * so halving a running range (which costs a cut request) is left for the very end. Servers that
 * rate-limit each response (nginx's limit_rate) also give every new response a small head start.
 */
export function pieceSize(total: number, connections: number, minSplit: number): number {
  const piece = Math.ceil(total / (2 * Math.max(1, connections)));
  return Math.max(minSplit, Math.ceil(piece / SPLIT_ALIGN) * SPLIT_ALIGN);
}

/**
 * Range size for downloads verified while they run: taken lowest-first, so the hashed prefix
 * trails the newest byte by about one piece per connection. 4 MiB measured worse than 8 (more
 * requests, the hash starved of CPU: 234 ms vs 112 ms latency on 1 GiB with 16 connections).
 */
const VERIFIED_PIECE = 8 * 1024 * 1024;
/**
 * …except at the end: the last pieces in flight all land at about the same time, and everything
 * from the lowest of them on is still to hash when the last byte lands (16 × 8 MiB on 1 GiB:
 * 70-110 ms). Small pieces for that last stretch keep the prefix close behind (median 78 → 35 ms).
 */
const VERIFIED_TAIL_PIECE = 1024 * 1024;

export interface PiecePlan {
  size: number;
  /** The last `bytes` of the file are cut in pieces of `size` instead. */
  tail: { bytes: number; size: number } | null;
}

/** How a fresh download is cut; null for one connection, whose one range grows in order anyway. */
export function pieceFor(total: number, connections: number, minSplit: number, verified: boolean): PiecePlan | null {
  if (connections === 1) return null;
  if (!verified) return { size: pieceSize(total, connections, minSplit), tail: null };
  const size = Math.max(minSplit, VERIFIED_PIECE);
  return { size, tail: { bytes: connections * size, size: Math.max(minSplit, VERIFIED_TAIL_PIECE) } };
}

/** Consecutive ranges for connections to take in order: `size` bytes each, the tail's smaller, the last one shorter. */
export function planPieces(total: number, plan: PiecePlan): ByteRange[] {
  const ranges: ByteRange[] = [];
  const tailFrom = plan.tail ? Math.max(0, total - plan.tail.bytes) : total;
  for (let start = 0; start < total; ) {
    const end = start < tailFrom ? Math.min(tailFrom, start + plan.size) : Math.min(total, start + plan.tail!.size);
    ranges.push({ start, end });
    start = end;
  }
  return ranges;
}

export interface SplitCandidate {
  /** Next byte this range's connection will write. */
  pos: number;
  end: number;
  /** Bytes per second of its connection right now; 0 when not yet measured. */
  speed: number;
}

/**
 * Index of the candidate to split, or -1 when none is worth it. Each half must be at least
 * `minPiece` long, so a nearly finished range is left alone.
 */
export function chooseSplitVictim(candidates: readonly SplitCandidate[], minPiece: number): number {
  let best = -1;
  let bestTime = -1;
  let bestRemaining = -1;
  candidates.forEach((c, i) => {
    const remaining = c.end - c.pos;
    if (remaining < 2 * minPiece) return;
    // An unmeasured connection may be stuck: treat its time left as unbounded.
    const time = c.speed > 0 ? remaining / c.speed : Number.POSITIVE_INFINITY;
    if (time > bestTime || (time === bestTime && remaining > bestRemaining)) {
      best = i;
      bestTime = time;
      bestRemaining = remaining;
    }
  });
  return best;
}

/** Where to cut [pos, end): the middle, aligned down when alignment keeps both halves non-empty. */
export function splitPoint(pos: number, end: number): number {
  const mid = pos + Math.floor((end - pos) / 2);
  const aligned = alignDown(mid, pos);
  return aligned > pos && aligned < end ? aligned : mid;
}

function alignDown(n: number, floor: number): number {
  const a = Math.floor(n / SPLIT_ALIGN) * SPLIT_ALIGN;
  return a > floor ? a : n;
}
