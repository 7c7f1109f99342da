// "No tail stall at 99%": when a connection is free and a running response would take longer at
// its own speed than a fresh connection would need (its request latency, then the bytes at the
// speed this download's connections reach), the free one takes over the tail of that range, even
// below the minimum split size. Pure: the table and the pool feed it their measurements.
import { SPLIT_ALIGN } from './segment-planner';

/**
 * A response is judged only after this long (or four request latencies, if longer): before that
 * its speed is mostly TCP slow start and a meter that has seen too little.
 */
export const JUDGE_AFTER_MS = 300;
/** Less saved than this is within the noise of the estimates and not worth another request. */
export const MIN_GAIN_MS = 100;
/**
 * A response held back by a speed limit or the verification within this long (the speed meter's
 * window) is slow because of this side: a fresh connection would be held back the same way.
 */
export const LIMITED_WINDOW_MS = 2000;

export interface TailCandidate {
  /** Next byte its connection will accept. */
  pos: number;
  /** Exclusive. */
  end: number;
  /** Bytes/s of its response so far; 0 when nothing arrived. */
  speed: number;
  /** How long its response has been delivering. */
  runningMs: number;
  /** How long it has waited for the server's next chunk (0 while busy on this side). */
  silentMs: number;
  /** How long since a speed limit or the verification held it back (0 while one does). */
  limitedMs: number;
  /** This response was already cut by a takeover: it is cut again only if it stalls. */
  takenOver: boolean;
}

/** What a fresh request of this download would get. */
export interface FreshConnection {
  /** Request sent → response headers. */
  latencyMs: number;
  /** Bytes/s of one response once it runs. */
  speed: number;
}

export interface TailTakeover {
  index: number;
  /** The running response keeps [pos, cut); the free connection takes [cut, end). */
  cut: number;
  /** How much sooner the range is done than if the running response kept it all. */
  gainMs: number;
}

/** The candidate whose takeover saves the most time, or null when none saves at least MIN_GAIN_MS. */
export function planTailTakeover(candidates: readonly TailCandidate[], fresh: FreshConnection): TailTakeover | null {
  if (!(fresh.speed > 0)) return null;
  const judgeAfter = Math.max(JUDGE_AFTER_MS, 4 * fresh.latencyMs);
  let best: TailTakeover | null = null;
  candidates.forEach((c, index) => {
    if (c.runningMs < judgeAfter || c.limitedMs < LIMITED_WINDOW_MS || c.end <= c.pos) return;
    // Silent that long, it is stalled whatever its earlier bytes make its average: its time left
    // is unbounded, and it keeps nothing more. Cut for being slow, it is not cut for that again.
    const stalled = c.silentMs >= judgeAfter;
    // Unmeasured and not silent that long either: no verdict yet.
    if ((c.takenOver || !(c.speed > 0)) && !stalled) return;
    const speed = stalled ? 0 : c.speed;
    const cut = tailCut(c.pos, c.end, speed, fresh);
    if (cut >= c.end) return;
    const leftMs = speed > 0 ? ((c.end - c.pos) / speed) * 1000 : Number.POSITIVE_INFINITY;
    const keptMs = speed > 0 ? ((cut - c.pos) / speed) * 1000 : 0;
    const takenMs = fresh.latencyMs + ((c.end - cut) / fresh.speed) * 1000;
    const gainMs = leftMs - Math.max(keptMs, takenMs);
    if (gainMs >= MIN_GAIN_MS && (best === null || gainMs > best.gainMs)) best = { index, cut, gainMs };
  });
  return best;
}

/**
 * Where to cut [pos, end) so both connections finish together: the running one keeps k bytes with
 * k / speed = latency + (end - pos - k) / fresh speed. A stalled one keeps nothing. The cut is
 * aligned down (the fresh connection takes a little more) when that stays above `pos`.
 */
export function tailCut(pos: number, end: number, speed: number, fresh: FreshConnection): number {
  if (speed <= 0) return pos;
  const keep = (speed * ((fresh.latencyMs / 1000) * fresh.speed + (end - pos))) / (fresh.speed + speed);
  const ideal = pos + Math.floor(keep);
  const aligned = Math.floor(ideal / SPLIT_ALIGN) * SPLIT_ALIGN;
  return aligned > pos ? aligned : ideal;
}
