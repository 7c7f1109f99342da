// The details panel's height: dragged by its top edge (or moved with the arrow keys on it), shown
// at once while it moves, and saved to prefs.detailsHeight when the drag ends.
import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useApp, useAppStore } from '../../store';

export const MIN_HEIGHT = 120;
const KEY_STEP = 24;
/** Room left above the panel for the list's header and a few rows. */
const LIST_ROOM = 160;

export function clampHeight(height: number, viewport: number): number {
  return Math.round(Math.max(MIN_HEIGHT, Math.min(height, viewport - LIST_ROOM, 2000)));
}

export function usePanelHeight() {
  const store = useAppStore();
  const saved = useApp((s) => s.prefs.detailsHeight);
  const [dragging, setDragging] = useState<number | null>(null);
  const drag = useRef<{ y: number; height: number } | null>(null);
  const height = clampHeight(dragging ?? saved, window.innerHeight);

  const save = useCallback(
    (detailsHeight: number) => {
      store.setState((s) => ({ prefs: { ...s.prefs, detailsHeight } }));
      void store.run('prefs.set', { detailsHeight });
    },
    [store],
  );

  return {
    height,
    handle: {
      onPointerDown(e: PointerEvent<HTMLElement>) {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { y: e.clientY, height };
        setDragging(height);
      },
      onPointerMove(e: PointerEvent<HTMLElement>) {
        if (drag.current) setDragging(clampHeight(drag.current.height + drag.current.y - e.clientY, window.innerHeight));
      },
      onPointerUp() {
        if (drag.current && dragging !== null) save(dragging);
        drag.current = null;
        setDragging(null);
      },
      onKeyDown(e: KeyboardEvent<HTMLElement>) {
        const step = e.key === 'ArrowUp' ? KEY_STEP : e.key === 'ArrowDown' ? -KEY_STEP : 0;
        if (!step) return;
        e.preventDefault();
        save(clampHeight(height + step, window.innerHeight));
      },
    },
  };
}
