import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_TIMING, backoffDelay, classifyStatus, parseRetryAfter, type StatusClass } from './retry-policy';

const timing = { baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 600_000 };

describe('backoffDelay', () => {
  it('doubles the step per attempt, jittered within [step/2, step]', () => {
    const steps = [1000, 2000, 4000, 8000, 16_000];
    steps.forEach((step, i) => {
      expect(backoffDelay(i + 1, timing, () => 0)).toBe(step / 2);
      expect(backoffDelay(i + 1, timing, () => 0.5)).toBe((step * 3) / 4);
      expect(backoffDelay(i + 1, timing, () => 0.999_999)).toBe(step);
    });
  });

  it('never exceeds the maximum step, however many attempts', () => {
    for (const attempt of [6, 10, 50, 2000]) {
      expect(backoffDelay(attempt, timing, () => 0.999_999)).toBe(30_000);
      expect(backoffDelay(attempt, timing, () => 0)).toBe(15_000);
    }
  });

  it('treats attempt 0 or below like the first', () => {
    expect(backoffDelay(0, timing, () => 0)).toBe(500);
    expect(backoffDelay(-3, timing, () => 0.999_999)).toBe(1000);
  });

  it('stays within bounds with the real random source', () => {
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(3, DEFAULT_RETRY_TIMING);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2015, 9, 21, 7, 28, 0);

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:29:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Wednesday, 21-Oct-15 07:28:05 GMT', now)).toBe(5000); // RFC 850 form
  });

  it('a date in the past means no wait', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
  });

  it('takes the first of repeated headers', () => {
    expect(parseRetryAfter(['5', '60'], now)).toBe(5000);
  });

  it('returns null when absent or unreadable', () => {
    for (const v of [undefined, '', '   ', 'soon', '12abc', []]) expect(parseRetryAfter(v, now)).toBeNull();
  });

  // Regression: V8's lenient Date.parse read "1.5" and "-1" as dates in 2001, i.e. "retry now".
  it('rejects numeric-looking junk instead of reading it as a past date', () => {
    // RFC 9110 delay-seconds are whole digits only: "1.5" is neither a delay nor a date.
    for (const v of ['-1', '1.5', '+5', '0x10', '1e3']) expect(parseRetryAfter(v, now), v).toBeNull();
  });
});

describe('classifyStatus', () => {
  const table: [number, StatusClass][] = [
    [200, 'ok'],
    [204, 'ok'],
    [206, 'ok'],
    [429, 'throttled'],
    [503, 'throttled'],
    [408, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [504, 'retry'],
    [599, 'retry'],
    [400, 'fatal'],
    [401, 'fatal'],
    [403, 'fatal'],
    [404, 'fatal'],
    [410, 'fatal'],
    [416, 'fatal'],
    [304, 'fatal'],
    [100, 'fatal'],
  ];
  it.each(table)('%i is %s', (status, expected) => {
    expect(classifyStatus(status)).toBe(expected);
  });
});
