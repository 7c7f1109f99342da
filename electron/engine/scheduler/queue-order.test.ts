import { describe, expect, it } from 'vitest';
import { reorder } from './queue-order';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('reorder', () => {
  it('moves one step up and down', () => {
    expect(reorder(order, 'c', 'up')).toEqual(['a', 'c', 'b', 'd', 'e']);
    expect(reorder(order, 'c', 'down')).toEqual(['a', 'b', 'd', 'c', 'e']);
  });

  it('moves to the top and the bottom', () => {
    expect(reorder(order, 'd', 'top')).toEqual(['d', 'a', 'b', 'c', 'e']);
    expect(reorder(order, 'b', 'bottom')).toEqual(['a', 'c', 'd', 'e', 'b']);
  });

  it('stays put at the edges', () => {
    expect(reorder(order, 'a', 'up')).toEqual(order);
    expect(reorder(order, 'e', 'down')).toEqual(order);
    expect(reorder(order, 'a', 'top')).toEqual(order);
    expect(reorder(order, 'e', 'bottom')).toEqual(order);
  });

  it('moves to an index of the resulting order, clamped', () => {
    expect(reorder(order, 'a', 2)).toEqual(['b', 'c', 'a', 'd', 'e']);
    expect(reorder(order, 'e', 0)).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(reorder(order, 'b', 99)).toEqual(['a', 'c', 'd', 'e', 'b']);
    expect(reorder(order, 'd', -4)).toEqual(['d', 'a', 'b', 'c', 'e']);
  });

  it('keeps every id exactly once and never mutates the input', () => {
    const input = [...order];
    for (const to of ['up', 'down', 'top', 'bottom', 0, 3, 10] as const) {
      for (const id of order) {
        const out = reorder(input, id, to);
        expect([...out].sort()).toEqual(order);
      }
    }
    expect(input).toEqual(order);
  });

  it('returns an unchanged copy for an unknown id', () => {
    const out = reorder(order, 'zzz', 'top');
    expect(out).toEqual(order);
    expect(out).not.toBe(order);
  });

  it('handles a queue of one', () => {
    expect(reorder(['only'], 'only', 'down')).toEqual(['only']);
  });
});
