// What the speed graphs draw: a fixed window of seconds ending now (so the line scrolls instead
// of stretching while the history fills up), and a top of the scale that moves in steps so the
// line does not jump with every sample. Pure, so it is tested in Node.
import type { AlignedData } from 'uplot';

/**
 * uPlot's data for `samples` (one a second, oldest first) in a window of `seconds`: x runs from
 * -(seconds-1) to 0 (now); seconds before the first sample are gaps (null), not zero speed.
 */
export function speedSeries(samples: readonly number[], seconds: number): AlignedData {
  const xs = new Array<number>(seconds);
  const ys = new Array<number | null>(seconds);
  const start = seconds - Math.min(samples.length, seconds);
  const first = samples.length - (seconds - start);
  for (let i = 0; i < seconds; i++) {
    xs[i] = i - (seconds - 1);
    ys[i] = i < start ? null : samples[first + i - start]!;
  }
  return [xs, ys];
}

const KIB = 1024;
/** The idle graph's top: a few KiB/s of noise should not fill the graph. */
export const MIN_TOP = 64 * KIB;

/** The scale's top for a peak: 1, 2 or 5 times a power of two of KiB/s at least, never below MIN_TOP. */
export function niceTop(peak: number): number {
  if (!(peak > MIN_TOP)) return MIN_TOP;
  let base = MIN_TOP;
  while (base * 10 < peak) base *= 8;
  for (const step of [1, 1.25, 2, 2.5, 4, 5, 8, 10]) if (base * step >= peak) return base * step;
  return base * 10;
}

/** The highest sample that is not a gap; 0 for none. */
export function peakOf(ys: Iterable<number | null | undefined>): number {
  let peak = 0;
  for (const y of ys) if (typeof y === 'number' && y > peak) peak = y;
  return peak;
}
