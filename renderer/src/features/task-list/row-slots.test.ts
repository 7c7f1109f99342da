import { describe, expect, it } from 'vitest';
import { assignSlots } from './row-slots';

describe('assignSlots', () => {
  it('numbers the first rows from 0', () => {
    expect([...assignSlots(new Map(), ['a', 'b', 'c'])]).toEqual([['a', 0], ['b', 1], ['c', 2]]);
  });

  it('keeps the slot of a row still in view and gives a new row the slot one leaving freed', () => {
    const first = assignSlots(new Map(), ['a', 'b', 'c']);
    // Scrolled down by one: a leaves, d comes in.
    const next = assignSlots(first, ['b', 'c', 'd']);
    expect(next.get('b')).toBe(1);
    expect(next.get('c')).toBe(2);
    expect(next.get('d')).toBe(0);
  });

  it('uses as many slots as there are rows, whatever the jump', () => {
    const first = assignSlots(new Map(), ['a', 'b', 'c', 'd']);
    const far = assignSlots(first, ['w', 'x', 'y', 'z']);
    expect(new Set(far.values())).toEqual(new Set([0, 1, 2, 3]));
    const fewer = assignSlots(far, ['x', 'q']);
    expect(fewer.get('x')).toBe(far.get('x'));
    expect(new Set(fewer.values()).size).toBe(2);
  });
});
