// The file-type icon and the name, elided in the middle to the room the column has, the whole
// name in the tooltip.
import { memo, useMemo } from 'react';
import { elideMiddle } from './elide';
import { iconFor } from './file-icon';
import { textWidth } from './measure';

/** The icon and the gap beside it, and the cell's padding, px. */
const CHROME = 16 + 8 + 24;

export const NameCell = memo(function NameCell({ name, width }: { name: string; width: number }) {
  const Icon = iconFor(name);
  const room = Math.max(0, width - CHROME);
  const shown = useMemo(() => (room > 0 ? elideMiddle(name, (text) => textWidth(text) <= room) : name), [name, room]);
  return (
    <>
      <Icon className="name-icon" size={16} strokeWidth={1.75} aria-hidden />
      <span className="name-text" title={name}>
        {shown}
      </span>
    </>
  );
});
