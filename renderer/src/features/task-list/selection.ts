// Selection like a file manager's, over the ids the list shows (in their shown order): a click
// picks one row, Shift extends from the anchor, Ctrl/Cmd toggles one; the arrow keys move the
// focused row and select it (Shift: extend, Ctrl/Cmd: move focus only). Pure, so it is tested
// without a browser; the store keeps the result.

export interface SelectionState {
  selection: ReadonlySet<string>;
  /** Where a Shift range starts. */
  anchor: string | null;
  /** The row the keyboard is on. */
  focused: string | null;
}

export interface Modifiers {
  /** Shift: a range from the anchor. */
  range: boolean;
  /** Ctrl (Cmd on a Mac): one row on its own. */
  toggle: boolean;
}

export const EMPTY_SELECTION: SelectionState = { selection: new Set(), anchor: null, focused: null };

function range(ids: readonly string[], from: string | null, to: string): Set<string> {
  const b = ids.indexOf(to);
  const a = from === null ? -1 : ids.indexOf(from);
  if (a < 0) return new Set([to]);
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return new Set(ids.slice(lo, hi + 1));
}

/** A click (or a right-click, with no modifiers and `keepIfSelected`) on the row `id`. */
export function clickRow(state: SelectionState, ids: readonly string[], id: string, mods: Modifiers, keepIfSelected = false): SelectionState {
  if (mods.range) {
    const picked = range(ids, state.anchor, id);
    // Ctrl+Shift adds the range to what was selected.
    const selection = mods.toggle ? new Set([...state.selection, ...picked]) : picked;
    return { selection, anchor: state.anchor ?? id, focused: id };
  }
  if (mods.toggle) {
    const selection = new Set(state.selection);
    if (selection.has(id)) selection.delete(id);
    else selection.add(id);
    return { selection, anchor: id, focused: id };
  }
  // A right-click on a selected row acts on the whole selection, as in a file manager.
  if (keepIfSelected && state.selection.has(id)) return { ...state, focused: id };
  return { selection: new Set([id]), anchor: id, focused: id };
}

export function selectAll(state: SelectionState, ids: readonly string[]): SelectionState {
  return { selection: new Set(ids), anchor: state.anchor ?? ids[0] ?? null, focused: state.focused ?? ids[0] ?? null };
}

export type Move = 'up' | 'down' | 'home' | 'end' | 'pageUp' | 'pageDown';

/** The index the focus goes to; -1 when there are no rows. */
export function targetIndex(ids: readonly string[], focused: string | null, move: Move, pageSize: number): number {
  if (ids.length === 0) return -1;
  const last = ids.length - 1;
  const at = focused === null ? -1 : ids.indexOf(focused);
  const page = Math.max(1, pageSize);
  switch (move) {
    case 'home':
      return 0;
    case 'end':
      return last;
    case 'up':
      return at < 0 ? last : Math.max(0, at - 1);
    case 'down':
      return at < 0 ? 0 : Math.min(last, at + 1);
    case 'pageUp':
      return at < 0 ? 0 : Math.max(0, at - page);
    case 'pageDown':
      return at < 0 ? 0 : Math.min(last, at + page);
  }
}

export function moveFocus(state: SelectionState, ids: readonly string[], move: Move, pageSize: number, mods: Modifiers): SelectionState {
  const i = targetIndex(ids, state.focused, move, pageSize);
  if (i < 0) return state;
  const id = ids[i]!;
  if (mods.range) return { selection: range(ids, state.anchor ?? state.focused, id), anchor: state.anchor ?? state.focused ?? id, focused: id };
  if (mods.toggle) return { ...state, focused: id };
  return { selection: new Set([id]), anchor: id, focused: id };
}

/** Ctrl+Space: the focused row in or out of the selection. */
export function toggleFocused(state: SelectionState): SelectionState {
  if (state.focused === null) return state;
  return clickRow(state, [], state.focused, { range: false, toggle: true });
}

/**
 * Keeps only rows still shown (a filter changed, rows were removed). The same object when
 * nothing was dropped, so the store does not notify for nothing.
 */
export function keepShown(state: SelectionState, shown: ReadonlySet<string>): SelectionState {
  let dropped = false;
  for (const id of state.selection) if (!shown.has(id)) dropped = true;
  const anchor = state.anchor !== null && !shown.has(state.anchor) ? null : state.anchor;
  const focused = state.focused !== null && !shown.has(state.focused) ? null : state.focused;
  if (!dropped && anchor === state.anchor && focused === state.focused) return state;
  return { selection: dropped ? new Set([...state.selection].filter((id) => shown.has(id))) : state.selection, anchor, focused };
}
