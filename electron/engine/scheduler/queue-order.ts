// Queue order as pure functions over ids; the scheduler persists the resulting positions.

export type ReorderTarget = 'up' | 'down' | 'top' | 'bottom' | number;

export function reorder(order: readonly string[], id: string, to: ReorderTarget): string[] {
  const from = order.indexOf(id);
  if (from < 0) return [...order];
  const rest = order.filter((x) => x !== id);
  let index: number;
  if (to === 'top') index = 0;
  else if (to === 'bottom') index = rest.length;
  else if (to === 'up') index = Math.max(0, from - 1);
  else if (to === 'down') index = Math.min(rest.length, from + 1);
  else index = Math.max(0, Math.min(rest.length, to));
  rest.splice(index, 0, id);
  return rest;
}
