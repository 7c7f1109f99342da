import { describe, expect, it } from 'vitest';
import { planGroupMove, planMove, type Placement, type ReorderTarget } from './queue-order';

const order = ['a', 'b', 'c', 'd', 'e'];
const queue = (ids: readonly string[]): Placement[] => ids.map((id, position) => ({ id, position }));

/** Applies the planned writes and reads the queue back the way the store lists it (by position, ties in order). */
function apply(list: readonly Placement[], writes: readonly Placement[]): Placement[] {
  const next = list.map((p) => ({ ...p, position: writes.find((w) => w.id === p.id)?.position ?? p.position }));
  return next.sort((x, y) => x.position - y.position);
}

function move(ids: readonly string[], id: string, to: ReorderTarget): string[] {
  const list = queue(ids);
  return apply(list, planMove(list, ids.indexOf(id), to)).map((p) => p.id);
}

/** The order a move must produce: the job taken out and put back at the target index. */
function expected(ids: readonly string[], id: string, to: ReorderTarget): string[] {
  const from = ids.indexOf(id);
  const rest = ids.filter((x) => x !== id);
  const at = to === 'top' ? 0 : to === 'bottom' ? rest.length : to === 'up' ? Math.max(0, from - 1) : to === 'down' ? Math.min(rest.length, from + 1) : Math.max(0, Math.min(rest.length, to));
  rest.splice(at, 0, id);
  return rest;
}

describe('planMove', () => {
  it('moves one step up and down by swapping with the neighbour', () => {
    expect(move(order, 'c', 'up')).toEqual(['a', 'c', 'b', 'd', 'e']);
    expect(move(order, 'c', 'down')).toEqual(['a', 'b', 'd', 'c', 'e']);
    expect(planMove(queue(order), 2, 'up')).toEqual([{ id: 'c', position: 1 }, { id: 'b', position: 2 }]);
  });

  it('moves to the top and the bottom, writing only the moved job', () => {
    expect(move(order, 'd', 'top')).toEqual(['d', 'a', 'b', 'c', 'e']);
    expect(move(order, 'b', 'bottom')).toEqual(['a', 'c', 'd', 'e', 'b']);
    expect(planMove(queue(order), 3, 'top')).toEqual([{ id: 'd', position: -1 }]);
    expect(planMove(queue(order), 1, 'bottom')).toEqual([{ id: 'b', position: 5 }]);
  });

  it('stays put at the edges, writing nothing', () => {
    expect(planMove(queue(order), 0, 'up')).toEqual([]);
    expect(planMove(queue(order), 4, 'down')).toEqual([]);
    expect(planMove(queue(order), 0, 'top')).toEqual([]);
    expect(planMove(queue(order), 4, 'bottom')).toEqual([]);
    expect(planMove(queue(order), 2, 2)).toEqual([]);
  });

  it('moves to an index of the resulting order, clamped, between its new neighbours', () => {
    expect(move(order, 'a', 2)).toEqual(['b', 'c', 'a', 'd', 'e']);
    expect(move(order, 'e', 0)).toEqual(['e', 'a', 'b', 'c', 'd']);
    expect(move(order, 'b', 99)).toEqual(['a', 'c', 'd', 'e', 'b']);
    expect(move(order, 'd', -4)).toEqual(['d', 'a', 'b', 'c', 'e']);
    expect(planMove(queue(order), 0, 2)).toEqual([{ id: 'a', position: 2.5 }]);
  });

  it('gives the order of taking the job out and putting it back, for every job and target', () => {
    for (const to of ['up', 'down', 'top', 'bottom', 0, 1, 3, 10] as const) {
      for (const id of order) expect(move(order, id, to)).toEqual(expected(order, id, to));
    }
  });

  it('handles a queue of one', () => {
    expect(planMove(queue(['only']), 0, 'down')).toEqual([]);
  });

  it('renumbers the queue only when there is no room left between two neighbours', () => {
    // Equal positions (left by an older Haul) have no number between them.
    const tied = [{ id: 'a', position: 0 }, { id: 'b', position: 1 }, { id: 'c', position: 1 }, { id: 'd', position: 2 }];
    const writes = planMove(tied, 0, 1);
    expect(apply(tied, writes).map((p) => p.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(writes).toEqual([{ id: 'b', position: 0 }, { id: 'a', position: 1 }, { id: 'c', position: 2 }, { id: 'd', position: 3 }]);
    // Moving one job after another between the same two neighbours halves the room each time.
    // (Away from zero, where halving runs out of digits after ~50 moves.)
    let list = queue(['x', 'y', ...Array.from({ length: 100 }, (_, i) => `m${i}`)]).map((p) => ({ ...p, position: p.position + 1000 }));
    let ids = list.map((p) => p.id);
    let renumbers = 0;
    for (let i = 0; i < 100; i++) {
      const writes = planMove(list, list.length - 1, 1);
      if (writes.length > 1) renumbers++;
      const want = expected(ids, ids.at(-1)!, 1);
      list = apply(list, writes);
      ids = list.map((p) => p.id);
      expect(ids).toEqual(want);
    }
    expect(renumbers).toBeGreaterThan(0);
    expect(renumbers).toBeLessThan(5);
  });
});

describe('planGroupMove', () => {
  const group = (ids: readonly string[], picked: readonly string[], to: ReorderTarget, positions?: number[]): string[] => {
    const list = ids.map((id, i) => ({ id, position: positions?.[i] ?? i }));
    return apply(list, planGroupMove(list, picked.map((id) => ids.indexOf(id)), to)).map((p) => p.id);
  };

  it('moves a selection to the top or bottom as one block, in queue order whatever order it was picked in', () => {
    expect(group(order, ['d', 'b'], 'top')).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(group(order, ['d', 'b'], 'bottom')).toEqual(['a', 'c', 'e', 'b', 'd']);
    expect(group(order, ['a', 'b'], 'top')).toEqual(order);
  });

  it('steps each picked job once; a block at the edge stays, the rest of it moves', () => {
    expect(group(order, ['b', 'd'], 'up')).toEqual(['b', 'a', 'd', 'c', 'e']);
    expect(group(order, ['a', 'b', 'd'], 'up')).toEqual(['a', 'b', 'd', 'c', 'e']);
    expect(group(order, ['d', 'e', 'b'], 'down')).toEqual(['a', 'c', 'b', 'd', 'e']);
  });

  it('puts the block at an index of the queue without it', () => {
    expect(group(order, ['a', 'e'], 2)).toEqual(['b', 'c', 'a', 'e', 'd']);
    expect(group(order, ['a', 'e'], 99)).toEqual(['b', 'c', 'd', 'a', 'e']);
  });

  it('gives the same order with tied and fractional positions', () => {
    const tied = [0, 0, 0, 1, 1];
    expect(group(order, ['c', 'e'], 'up', tied)).toEqual(['a', 'c', 'b', 'e', 'd']);
    expect(group(order, ['b', 'd'], 'top', [0, 0.5, 0.75, 0.875, 0.9375])).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(group(order, ['a', 'c'], 3, tied)).toEqual(['b', 'd', 'e', 'a', 'c']);
  });

  it('matches taking the block out and putting it back, for every pick and target of a small queue', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (let mask = 1; mask < 1 << ids.length; mask++) {
      const picked = ids.filter((_, i) => mask & (1 << i));
      for (const to of ['top', 'bottom', 0, 1, 2, 3, 4, 5, 6] as ReorderTarget[]) {
        const rest = ids.filter((x) => !picked.includes(x));
        const at = to === 'top' ? 0 : to === 'bottom' ? rest.length : Math.min(rest.length, to as number);
        rest.splice(at, 0, ...picked);
        expect(group(ids, picked, to)).toEqual(rest);
      }
    }
  });
});
