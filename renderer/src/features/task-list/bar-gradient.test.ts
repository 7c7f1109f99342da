import { describe, expect, it } from 'vitest';
import { barGeometry } from './bar-geometry';
import { barBackground } from './bar-gradient';

describe('barBackground', () => {
  it('is none for a bar with nothing received', () => {
    const g = barGeometry(null, 0, 1000, 200);
    expect(barBackground(g.done, g.heads)).toBe('none');
  });

  it('fills from the left without segments', () => {
    const g = barGeometry(null, 250, 1000, 200);
    expect(barBackground(g.done, g.heads)).toBe('linear-gradient(to right, var(--bar-fill) 0px 50px, transparent 50px)');
  });

  it('draws each segment where it lies, with its live head above', () => {
    // Two connections: the first half half-done and live, the second a quarter done.
    const g = barGeometry([[0, 500, 250, 1], [500, 1000, 625, 0]], 375, 1000, 200);
    expect(barBackground(g.done, g.heads)).toBe(
      'linear-gradient(to right, transparent 0px 48px, var(--bar-live) 48px 50px, transparent 50px), ' +
        'linear-gradient(to right, var(--bar-fill) 0px 50px, transparent 50px 100px, var(--bar-fill) 100px 125px, transparent 125px)',
    );
  });
});
