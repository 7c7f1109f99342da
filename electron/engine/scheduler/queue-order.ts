// Queue order: where a moved job lands, as the few positions to write. Positions are numbers,
// not ranks, so a move writes the moved job (and, for up and down, the neighbour it swaps with)
// instead of the whole queue; only when two neighbours leave no room between them is the queue
// renumbered.

export type ReorderTarget = 'up' | 'down' | 'top' | 'bottom' | number;

export interface Placement {
  id: string;
  position: number;
}

/**
 * The positions to write to move `list[from]` (the queue in order) to `to`: one step up or
 * down, to either end, or to an index of the queue without it (clamped). Empty when the job
 * stays where it is.
 */
export function planMove(list: readonly Placement[], from: number, to: ReorderTarget): Placement[] {
  const moving = list[from]!;
  const last = list.length - 1;
  const index = targetIndex(from, last, to);
  if (index === from) return [];
  // Up and down swap with the neighbour: whole numbers stay whole numbers.
  const neighbour = list[index]!;
  if ((to === 'up' || to === 'down') && neighbour.position !== moving.position) {
    return [
      { id: moving.id, position: neighbour.position },
      { id: neighbour.id, position: moving.position },
    ];
  }
  // The queue without the moving job: it goes between rest(index - 1) and rest(index).
  const rest = (i: number): Placement => list[i < from ? i : i + 1]!;
  const before = index > 0 ? rest(index - 1).position : null;
  const after = index < last ? rest(index).position : null;
  const position = before === null ? after! - 1 : after === null ? before + 1 : (before + after) / 2;
  if ((before === null || before < position) && (after === null || position < after)) return [{ id: moving.id, position }];
  return renumbered(list, from, index);
}

function targetIndex(from: number, last: number, to: ReorderTarget): number {
  if (to === 'top') return 0;
  if (to === 'bottom') return last;
  if (to === 'up') return Math.max(0, from - 1);
  if (to === 'down') return Math.min(last, from + 1);
  return Math.max(0, Math.min(last, to));
}

/** No room left between the neighbours (equal positions, or halved too often): 0, 1, 2… for all. */
function renumbered(list: readonly Placement[], from: number, index: number): Placement[] {
  const order = list.filter((_, i) => i !== from);
  order.splice(index, 0, list[from]!);
  return order.flatMap((p, position) => (p.position === position ? [] : [{ id: p.id, position }]));
}

/**
 * The positions to write to move several jobs (`picked`: indexes into the queue `list`) at once,
 * keeping their order among themselves, as a file manager moves a selection: to the top or the
 * bottom as one block, up or down one step each (a job held back by a picked neighbour stays),
 * or as one block to an index of the queue without them.
 */
export function planGroupMove(list: readonly Placement[], picked: readonly number[], to: ReorderTarget): Placement[] {
  const sorted = [...new Set(picked)].sort((a, b) => a - b);
  if (sorted.length === 1) return planMove(list, sorted[0]!, to);
  if (to === 'up' || to === 'down') return stepEach(list, sorted, to);
  const chosen = new Set(sorted);
  const rest = list.filter((_, i) => !chosen.has(i));
  const index = to === 'top' ? 0 : to === 'bottom' ? rest.length : Math.max(0, Math.min(rest.length, to));
  const order = [...rest.slice(0, index), ...sorted.map((i) => list[i]!), ...rest.slice(index)];
  const before = index > 0 ? rest[index - 1]!.position : null;
  const after = index < rest.length ? rest[index]!.position : null;
  const n = sorted.length;
  const at = (k: number): number =>
    before === null && after === null ? k : before === null ? after! - n + k : after === null ? before + 1 + k : before + ((after - before) * (k + 1)) / (n + 1);
  const positions = sorted.map((_, k) => at(k));
  const fits = positions.every((p, k) => (k === 0 ? before === null || before < p : positions[k - 1]! < p)) && (after === null || positions[n - 1]! < after);
  if (!fits) return order.flatMap((p, position) => (p.position === position ? [] : [{ id: p.id, position }]));
  return sorted.flatMap((i, k) => (list[i]!.position === positions[k] ? [] : [{ id: list[i]!.id, position: positions[k]! }]));
}

/** One step each; a picked job next to a picked one that cannot move stays too. */
function stepEach(list: readonly Placement[], sorted: readonly number[], to: 'up' | 'down'): Placement[] {
  const order = [...list];
  const ids = to === 'up' ? sorted : [...sorted].reverse();
  const step = to === 'up' ? -1 : 1;
  const blocked = new Set<number>();
  for (const i of ids) {
    const j = i + step;
    if (j < 0 || j >= order.length || blocked.has(j)) {
      blocked.add(i);
      continue;
    }
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  // Swapping entries swaps the positions they sit at: write each moved job's new slot's position
  // (with tied positions, slots cannot tell jobs apart: number them all).
  const distinct = list.every((p, k) => k === 0 || list[k - 1]!.position < p.position);
  if (!distinct) return order.flatMap((p, position) => (p.position === position ? [] : [{ id: p.id, position }]));
  return order.flatMap((p, k) => (p.id === list[k]!.id ? [] : [{ id: p.id, position: list[k]!.position }]));
}
