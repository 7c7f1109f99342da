// Sliding-window speed: bytes in fixed slots over the last `windowMs`. Cheap per chunk, and
// stable enough for an ETA without the lag of a long average.
import { systemClock, type Clock } from './rate-limiter';

export class SpeedMeter {
  private readonly slots: number[];
  private readonly slotMs: number;
  private slotStart: number;
  private startedAt: number;
  private index = 0;

  constructor(
    private readonly clock: Clock = systemClock,
    windowMs = 2000,
    slotCount = 8,
  ) {
    this.slots = new Array<number>(slotCount).fill(0);
    this.slotMs = windowMs / slotCount;
    this.slotStart = clock.now();
    this.startedAt = this.slotStart;
  }

  record(bytes: number): void {
    this.advance();
    this.slots[this.index]! += bytes;
  }

  /** Bytes per second over the window. */
  rate(): number {
    this.advance();
    const now = this.clock.now();
    let sum = 0;
    for (const s of this.slots) sum += s;
    // The current slot is partial; count only the time it has actually covered.
    const full = (this.slots.length - 1) * this.slotMs + (now - this.slotStart);
    // A young meter has not seen a whole window yet: divide by the time it has existed.
    const covered = Math.min(full, Math.max(this.slotMs, now - this.startedAt));
    return covered > 0 ? (sum * 1000) / covered : 0;
  }

  reset(): void {
    this.slots.fill(0);
    this.slotStart = this.clock.now();
    this.startedAt = this.slotStart;
  }

  private advance(): void {
    const now = this.clock.now();
    let steps = Math.floor((now - this.slotStart) / this.slotMs);
    if (steps <= 0) return;
    if (steps >= this.slots.length) {
      this.slots.fill(0);
      this.slotStart = now;
      return;
    }
    while (steps-- > 0) {
      this.index = (this.index + 1) % this.slots.length;
      this.slots[this.index] = 0;
      this.slotStart += this.slotMs;
    }
  }
}
