import { describe, expect, it } from 'vitest';
import { clickRow, EMPTY_SELECTION, keepShown, moveFocus, selectAll, targetIndex, toggleFocused, type SelectionState } from './selection';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const none = { range: false, toggle: false };
const shift = { range: true, toggle: false };
const ctrl = { range: false, toggle: true };
const picked = (s: SelectionState): string[] => ids.filter((id) => s.selection.has(id));

describe('selection like a file manager', () => {
  it('a click picks one row and sets the anchor; Shift-click selects from the anchor, either way', () => {
    const one = clickRow(EMPTY_SELECTION, ids, 'b', none);
    expect(picked(one)).toEqual(['b']);
    expect(one).toMatchObject({ anchor: 'b', focused: 'b' });
    const down = clickRow(one, ids, 'e', shift);
    expect(picked(down)).toEqual(['b', 'c', 'd', 'e']);
    // The anchor stays: a second Shift-click re-ranges from it, not from the last click.
    const up = clickRow(down, ids, 'a', shift);
    expect(picked(up)).toEqual(['a', 'b']);
    expect(up.anchor).toBe('b');
  });

  it('Ctrl/Cmd-click toggles one row and moves the anchor; Ctrl+Shift adds a range', () => {
    const s = clickRow(clickRow(EMPTY_SELECTION, ids, 'a', none), ids, 'c', ctrl);
    expect(picked(s)).toEqual(['a', 'c']);
    expect(picked(clickRow(s, ids, 'a', ctrl))).toEqual(['c']);
    const added = clickRow(s, ids, 'e', { range: true, toggle: true });
    expect(picked(added)).toEqual(['a', 'c', 'd', 'e']);
  });

  it('a right-click on a selected row keeps the selection; on another row it picks that row', () => {
    const s = clickRow(clickRow(EMPTY_SELECTION, ids, 'a', none), ids, 'c', shift);
    expect(picked(clickRow(s, ids, 'b', none, true))).toEqual(['a', 'b', 'c']);
    expect(picked(clickRow(s, ids, 'e', none, true))).toEqual(['e']);
  });

  it('Ctrl/Cmd+A selects every shown row', () => {
    expect(picked(selectAll(EMPTY_SELECTION, ids))).toEqual(ids);
  });

  it('arrows, Home, End and the page keys move the focus within the list', () => {
    expect(targetIndex(ids, 'c', 'up', 3)).toBe(1);
    expect(targetIndex(ids, 'a', 'up', 3)).toBe(0);
    expect(targetIndex(ids, 'f', 'down', 3)).toBe(5);
    expect(targetIndex(ids, null, 'down', 3)).toBe(0);
    expect(targetIndex(ids, null, 'up', 3)).toBe(5);
    expect(targetIndex(ids, 'b', 'pageDown', 3)).toBe(4);
    expect(targetIndex(ids, 'e', 'pageDown', 3)).toBe(5);
    expect(targetIndex(ids, 'b', 'pageUp', 3)).toBe(0);
    expect(targetIndex(ids, 'c', 'home', 3)).toBe(0);
    expect(targetIndex(ids, 'c', 'end', 3)).toBe(5);
    expect(targetIndex([], 'c', 'end', 3)).toBe(-1);
  });

  it('an arrow selects the row it moves to; Shift extends from the anchor; Ctrl moves only the focus', () => {
    const s = clickRow(EMPTY_SELECTION, ids, 'c', none);
    expect(picked(moveFocus(s, ids, 'down', 3, none))).toEqual(['d']);
    const ext = moveFocus(moveFocus(s, ids, 'down', 3, shift), ids, 'down', 3, shift);
    expect(picked(ext)).toEqual(['c', 'd', 'e']);
    expect(picked(moveFocus(ext, ids, 'home', 3, shift))).toEqual(['a', 'b', 'c']);
    const focusOnly = moveFocus(s, ids, 'down', 3, ctrl);
    expect(picked(focusOnly)).toEqual(['c']);
    expect(focusOnly.focused).toBe('d');
    expect(picked(toggleFocused(focusOnly))).toEqual(['c', 'd']);
  });

  it('drops rows that are no longer shown, and keeps the same object when none went', () => {
    const s = clickRow(clickRow(EMPTY_SELECTION, ids, 'a', none), ids, 'c', shift);
    expect(keepShown(s, new Set(ids))).toBe(s);
    const kept = keepShown(s, new Set(['b', 'c', 'd']));
    expect([...kept.selection]).toEqual(['b', 'c']);
    expect(kept).toMatchObject({ anchor: null, focused: 'c' });
  });
});
