// Rows are reused as the list scrolls: each shown job gets a slot, a row that stays in view keeps
// its slot, and a row coming into view takes one that a row leaving freed. React keys rows by slot,
// so scrolling updates a few texts and attributes in rows that exist instead of building rows and
// tearing them down (icons, elements, hooks) for every one that passes.

export type Slots = ReadonlyMap<string, number>;

/** The slot of each of `ids` (in the same order), keeping the ones `before` gave. */
export function assignSlots(before: Slots, ids: readonly string[]): Map<string, number> {
  const next = new Map<string, number>();
  const taken = new Set<number>();
  for (const id of ids) {
    const slot = before.get(id);
    if (slot !== undefined && !taken.has(slot)) {
      next.set(id, slot);
      taken.add(slot);
    }
  }
  let free = 0;
  for (const id of ids) {
    if (next.has(id)) continue;
    while (taken.has(free)) free++;
    next.set(id, free);
    taken.add(free);
  }
  return next;
}
