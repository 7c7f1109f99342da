// A small tooltip: the text (and a key, if any) after a short delay, on hover and keyboard focus.
import * as Tooltip from '@radix-ui/react-tooltip';
import type { ReactElement } from 'react';
import './tooltip.css';

export function Tip({ text, shortcut, children, side = 'bottom' }: { text: string; shortcut?: string; children: ReactElement; side?: 'top' | 'bottom' | 'left' | 'right' }) {
  return (
    <Tooltip.Provider delayDuration={500} skipDelayDuration={200}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>{children}</Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content className="tip" side={side} sideOffset={6} collisionPadding={8}>
            {text}
            {shortcut && <kbd className="tip-key">{shortcut}</kbd>}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
