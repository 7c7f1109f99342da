import { describe, expect, it } from 'vitest';
import { SpeedMeter } from './speed-meter';

/** A meter on a hand-driven clock: 2 s window in 8 slots of 250 ms (the defaults). */
function manualMeter() {
  const clock = { t: 50_000 };
  const meter = new SpeedMeter({ now: () => clock.t });
  /** Feeds `bytesPerSecond` in 50 ms chunks for `ms`. */
  const stream = (bytesPerSecond: number, ms: number): void => {
    for (let elapsed = 0; elapsed < ms; elapsed += 50) {
      clock.t += 50;
      meter.record((bytesPerSecond * 50) / 1000);
    }
  };
  return { clock, meter, stream };
}

describe('SpeedMeter', () => {
  it('reads 0 before any data', () => {
    const { clock, meter } = manualMeter();
    expect(meter.rate()).toBe(0);
    clock.t += 5000;
    expect(meter.rate()).toBe(0);
  });

  it('measures a steady stream once the window is full', () => {
    const { meter, stream } = manualMeter();
    stream(2000, 3000);
    expect(meter.rate()).toBeGreaterThan(1900);
    expect(meter.rate()).toBeLessThan(2100);
  });

  it('follows a change of speed within one window', () => {
    const { meter, stream } = manualMeter();
    stream(1000, 3000);
    stream(8000, 2100);
    expect(meter.rate()).toBeGreaterThan(7600);
    expect(meter.rate()).toBeLessThan(8400);
  });

  it('drops to 0 once nothing has arrived for a whole window', () => {
    const { clock, meter, stream } = manualMeter();
    stream(5000, 3000);
    clock.t += 1000;
    const half = meter.rate();
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(5000);
    clock.t += 1100;
    expect(meter.rate()).toBe(0);
  });

  it('reset() forgets what was measured', () => {
    const { meter, stream } = manualMeter();
    stream(5000, 3000);
    meter.reset();
    expect(meter.rate()).toBe(0);
  });

  // Regression: a fresh meter divided by the whole window and read far too low for 2 s, which
  // also made a just-stolen range look slowest to chooseSplitVictim.
  it('reads the true speed of a meter that has run for only half a second', () => {
    const { meter, stream } = manualMeter();
    stream(1000, 500);
    expect(meter.rate()).toBeGreaterThan(800);
    expect(meter.rate()).toBeLessThan(1200);
  });
});
