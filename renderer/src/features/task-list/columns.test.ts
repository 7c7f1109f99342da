import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS } from '../../../../shared/models/prefs';
import { columnLayout, gridTemplate, minRowWidth, nextSort, resizeColumn, toggleColumn, visibleColumns } from './columns';

describe('the columns from the prefs', () => {
  it('shows the default columns in order, and lists the others hidden beside their neighbours', () => {
    const all = columnLayout(DEFAULT_PREFS.columns);
    expect(all.map((c) => c.id)).toEqual(['name', 'size', 'progress', 'speed', 'eta', 'connections', 'status', 'added', 'completed', 'folder']);
    expect(all.filter((c) => c.hidden).map((c) => c.id)).toEqual(['connections', 'added', 'completed', 'folder']);
    expect(visibleColumns(DEFAULT_PREFS.columns).map((c) => c.id)).toEqual(['name', 'size', 'progress', 'speed', 'eta', 'status']);
  });

  it('keeps the saved order and widths, clamps widths to each column\'s minimum, ignores duplicates and never hides the name', () => {
    const cols = columnLayout([{ id: 'status', width: 10 }, { id: 'name', hidden: true, width: 400 }, { id: 'status' }, { id: 'speed', hidden: true }]);
    expect(cols.filter((c) => ['status', 'name', 'speed'].includes(c.id))).toEqual([
      { id: 'status', width: 100, hidden: false },
      { id: 'name', width: 400, hidden: false },
      { id: 'speed', width: 96, hidden: true },
    ]);
    expect(cols).toHaveLength(10);
  });

  it('makes one grid template for the header and the rows, the name column taking the rest', () => {
    const cols = visibleColumns([{ id: 'name', width: 300 }, { id: 'size', width: 120 }, { id: 'speed' }]);
    expect(gridTemplate(cols)).toBe('minmax(300px, 1fr) 120px 96px');
    expect(minRowWidth(cols)).toBe(516);
  });

  it('hides, shows and resizes a column, giving back every column to save', () => {
    const hidden = toggleColumn(DEFAULT_PREFS.columns, 'speed');
    expect(visibleColumns(hidden).map((c) => c.id)).not.toContain('speed');
    expect(hidden).toHaveLength(10);
    const shown = toggleColumn(hidden, 'connections');
    expect(visibleColumns(shown).map((c) => c.id)).toEqual(['name', 'size', 'progress', 'eta', 'connections', 'status']);
    expect(visibleColumns(toggleColumn(shown, 'name')).map((c) => c.id)).toContain('name');
    const wide = resizeColumn(shown, 'status', 5000);
    expect(wide.find((c) => c.id === 'status')?.width).toBe(2000);
    // Only a width the user chose is saved: the others follow the defaults.
    expect(wide.filter((c) => c.width !== undefined).map((c) => c.id)).toEqual(['status']);
  });

  it('sorts ascending, descending, then back to the queue; sizes and dates start with the largest', () => {
    const queue = { key: 'queue', dir: 'asc' } as const;
    expect(nextSort(queue, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'name')).toEqual(queue);
    expect(nextSort(queue, 'size')).toEqual({ key: 'size', dir: 'desc' });
    expect(nextSort({ key: 'size', dir: 'desc' }, 'size')).toEqual({ key: 'size', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'added')).toEqual({ key: 'added', dir: 'desc' });
  });
});
