import { describe, expect, it } from 'vitest';
import { tweenBar, tweenDistance } from './bar-tween';

describe('easing the bar between updates', () => {
  it('moves each done mark part of the way, keeping the layout', () => {
    const from = { bar: [[0, 500, 100, 1], [500, 1000, 600, 1]] as const, received: 10 };
    const to = { bar: [[0, 500, 200, 1], [500, 1000, 700, 0]] as [number, number, number, 0 | 1][], received: 20 };
    expect(tweenBar({ ...from, bar: from.bar.map((s) => [...s] as [number, number, number, 0 | 1]) }, to, 0.5)).toEqual({ bar: [[0, 500, 150, 1], [500, 1000, 650, 0]], received: 15 });
    expect(tweenBar({ bar: null, received: 0 }, to, 1)).toBe(to);
  });

  it('jumps when the segments changed or bytes were lost', () => {
    const to = { bar: [[0, 300, 100, 1], [300, 1000, 400, 1]] as [number, number, number, 0 | 1][], received: 5 };
    expect(tweenBar({ bar: [[0, 1000, 50, 1]], received: 1 }, to, 0.5)).toBe(to);
    expect(tweenBar({ bar: [[0, 500, 80, 1], [500, 1000, 900, 1]], received: 1 }, to, 0.5)).toBe(to);
    expect(tweenBar({ bar: [[0, 300, 200, 1], [300, 1000, 300, 1]], received: 9 }, to, 0.5)).toEqual({ bar: [[0, 300, 100, 1], [300, 1000, 350, 1]], received: 5 });
  });
});

describe('whether a move is worth easing', () => {
  it('measures the furthest done mark in px, by segments or by bytes', () => {
    expect(tweenDistance({ bar: [[0, 500, 100, 1], [500, 1000, 600, 1]], received: 0 }, { bar: [[0, 500, 110, 1], [500, 1000, 650, 1]], received: 0 }, null, 200)).toBe(10);
    expect(tweenDistance({ bar: null, received: 10 }, { bar: null, received: 20 }, 1000, 200)).toBe(2);
    expect(tweenDistance({ bar: null, received: 10 }, { bar: null, received: 20 }, null, 200)).toBe(0);
  });
});
