// The file-type icon and the name, elided in the middle to the room the column has, the whole
// name in the tooltip.
import { memo, useMemo } from 'react';
import { elideMiddle } from './elide';
import { iconFor } from './file-icon';
import { RowIcon } from './row-icons';
import { textWidth } from './measure';

/** The icon and the gap beside it, and the cell's padding, px. */
const CHROME = 16 + 8 + 24;

// Rows come and go as the list scrolls: remember each name's fit for the width it had.
const fits = new Map<string, string>();

function fitted(name: string, room: number): string {
  if (room <= 0) return name;
  const key = `${room}\u0000${name}`;
  let shown = fits.get(key);
  if (shown === undefined) {
    shown = elideMiddle(name, (text) => textWidth(text) <= room);
    if (fits.size > 20_000) fits.clear();
    fits.set(key, shown);
  }
  return shown;
}

export const NameCell = memo(function NameCell({ name, width }: { name: string; width: number }) {
  const room = Math.max(0, width - CHROME);
  const shown = useMemo(() => fitted(name, room), [name, room]);
  return (
    <>
      <RowIcon name={iconFor(name)} color="muted" className="name-icon" />
      <span className="name-text" title={name}>
        {shown}
      </span>
    </>
  );
});
