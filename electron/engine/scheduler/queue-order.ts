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
