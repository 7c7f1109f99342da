import { describe, expect, it } from 'vitest';
import { ConnectionStats } from './connection-stats';

const KiB = 1024;

describe('ConnectionStats', () => {
  it('knows nothing until a response has run long enough to tell a speed', () => {
    const stats = new ConnectionStats();
    expect(stats.fresh()).toBeNull();
    stats.answered(5);
    stats.delivered(16 * KiB, 1); // too short to say anything
    stats.delivered(64 * KiB, 0);
    expect(stats.fresh()).toBeNull();
    stats.delivered(1024 * KiB, 100);
    expect(stats.fresh()).toEqual({ latencyMs: 5, speed: 1024 * KiB * 10 });
  });

  it('takes the median of the recent samples, so one odd request does not move it', () => {
    const stats = new ConnectionStats();
    for (const ms of [3, 4, 900, 5, 4]) stats.answered(ms);
    for (const ms of [100, 100, 1, 100, 100]) stats.delivered(100 * KiB, ms);
    expect(stats.fresh()).toEqual({ latencyMs: 4, speed: 1000 * KiB });
  });

  it('forgets old samples: the server may have changed its pace', () => {
    const stats = new ConnectionStats();
    for (let i = 0; i < 8; i++) stats.delivered(100 * KiB, 1000);
    for (let i = 0; i < 8; i++) stats.delivered(100 * KiB, 10);
    expect(stats.fresh()!.speed).toBe(10_000 * KiB);
    expect(stats.fresh()!.latencyMs).toBe(0); // no request answered yet: the probe's response carries on
  });
});
