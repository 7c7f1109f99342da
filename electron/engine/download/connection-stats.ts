// What one download's requests have shown: how long a request waits for its answer and how fast
// a response then runs. The tail takeover weighs a fresh connection by these.
import type { FreshConnection } from './tail-takeover';

/** Recent samples kept of each: enough for a median that one odd request does not move. */
const SAMPLES = 8;
/** Shorter bodies mostly measure timer and scheduling noise. */
const MIN_SAMPLE_BYTES = 64 * 1024;

export class ConnectionStats {
  private readonly latencies: number[] = [];
  private readonly speeds: number[] = [];

  /** A request got its response headers `ms` after it was sent. */
  answered(ms: number): void {
    push(this.latencies, Math.max(0, ms));
  }

  /** A response body delivered `bytes` in `ms` (from its headers to its end or cut). */
  delivered(bytes: number, ms: number): void {
    if (bytes >= MIN_SAMPLE_BYTES && ms > 0) push(this.speeds, (bytes * 1000) / ms);
  }

  /** Null until a response has run long enough to tell a speed. */
  fresh(): FreshConnection | null {
    if (this.speeds.length === 0) return null;
    return { latencyMs: median(this.latencies) ?? 0, speed: median(this.speeds)! };
  }
}

function push(samples: number[], value: number): void {
  samples.push(value);
  if (samples.length > SAMPLES) samples.shift();
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
