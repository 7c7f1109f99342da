// The rows in view, positioned by @tanstack/react-virtual. Scrolling re-renders this and nothing
// above it (the header, the menus and the dialogs stay as they are), and rows are reused by slot
// (row-slots.ts) rather than built for each job that passes.
import { useVirtualizer, type Range, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, type MouseEvent, type Ref, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnId } from '../../../../shared/models/prefs';
import { templated } from '../../i18n/word-templates';
import { useApp } from '../../store';
import { JobRowView, rowDomId } from './job-row';
import { OVERSCAN, rowsToDraw } from './overscan';
import { assignSlots } from './row-slots';

/** What the list's keys need of the rows: bringing one into view. */
export interface VirtualRowsHandle {
  scrollToIndex(index: number): void;
}

export interface VirtualRowsProps {
  handle: Ref<VirtualRowsHandle>;
  /** The grid: the element that scrolls, and that names the focused row (aria-activedescendant). */
  scrollRef: RefObject<HTMLDivElement | null>;
  ids: readonly string[];
  rowHeight: number;
  /** The sticky header above the rows, px. */
  headerHeight: number;
  columns: readonly ColumnId[];
  nameWidth: number;
  progressWidth: number;
  onPointer(e: MouseEvent, id: string, kind: 'click' | 'double'): void;
}


/**
 * Where the first screen is drawn on a server, whose window size is unknown: a full-HD window's
 * rows (the live list, moments later, fills taller ones).
 */
const SERVER_RECT = { width: 1920, height: 1000 };

export const VirtualRows = memo(function VirtualRows({ handle, scrollRef, ids, rowHeight, headerHeight, columns, nameWidth, progressWidth, onPointer }: VirtualRowsProps) {
  const { t: translate, i18n } = useTranslation('taskList');
  // Rows say the same few sentences with other values: each resolved once (a fast scroll brings a screenful a frame).
  const t = useMemo(() => templated(translate, i18n.language), [translate, i18n.language]);
  const focused = useApp((s) => s.focused);
  // Stable functions: the virtualizer lays out all 10,000 rows again whenever one of them changes.
  const getScrollElement = useCallback(() => scrollRef.current, [scrollRef]);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const getItemKey = useCallback((i: number) => ids[i]!, [ids]);
  const instance = useRef<Virtualizer<HTMLDivElement, Element> | null>(null);
  // More rows ahead of a scroll than behind it (the virtualizer knows the direction once it exists).
  const rangeExtractor = useCallback((range: Range) => rowsToDraw(range.startIndex, range.endIndex, range.count, instance.current?.scrollDirection ?? null), []);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement,
    estimateSize,
    overscan: OVERSCAN,
    rangeExtractor,
    getItemKey,
    // The window's size until the list is measured: the first render already has the rows a
    // screen shows, instead of none and a second render after a forced layout.
    initialRect: typeof window === 'undefined' ? SERVER_RECT : { width: window.innerWidth, height: window.innerHeight },
    // The header sits in the scroll area above the rows, sticky: rows start below it and must
    // scroll into view below it too.
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, headerHeight, virtualizer]);
  useLayoutEffect(() => {
    instance.current = virtualizer;
  }, [virtualizer]);
  useImperativeHandle(handle, () => ({ scrollToIndex: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }) }), [virtualizer]);

  const items = virtualizer.getVirtualItems();
  const committed = useRef<ReadonlyMap<string, number>>(new Map());
  const slots = assignSlots(committed.current, items.map((v) => ids[v.index]!));
  const focusedShown = focused !== null && slots.has(focused);

  useLayoutEffect(() => {
    committed.current = slots;
    // The grid names the focused row only while it is in the DOM.
    const grid = scrollRef.current;
    if (!grid) return;
    if (focusedShown) grid.setAttribute('aria-activedescendant', rowDomId(focused));
    else grid.removeAttribute('aria-activedescendant');
  });

  return (
    <div role="rowgroup" className="list-body" style={{ height: virtualizer.getTotalSize() }}>
      {items.map((v) => {
        const id = ids[v.index]!;
        return <JobRowView key={slots.get(id)} id={id} index={v.index} start={v.start - headerHeight} columns={columns} nameWidth={nameWidth} progressWidth={progressWidth} onPointer={onPointer} t={t} language={i18n.language} />;
      })}
    </div>
  );
});
