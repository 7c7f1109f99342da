// One uPlot chart owned by a React element: made once, fed new data without being rebuilt, sized
// to its box, and redrawn when the theme changes (canvas colours are read from the CSS variables).
import { useEffect, useRef, type RefObject } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** A CSS variable's value at draw time, so a canvas follows the theme. */
export function cssVar(el: Element, name: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim();
}

export function useUplot(box: RefObject<HTMLDivElement | null>, options: (el: HTMLElement) => Omit<Options, 'width' | 'height'>, data: AlignedData): void {
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const size = (): { width: number; height: number } => ({ width: Math.max(1, el.clientWidth), height: Math.max(1, el.clientHeight) });
    let teardown: (() => void) | null = null;
    const make = (): void => {
      const plot = new uPlot({ ...options(el), ...size() }, latest.current, el);
      chart.current = plot;
      const resized = new ResizeObserver(() => plot.setSize(size()));
      resized.observe(el);
      const themed = new MutationObserver(() => plot.redraw(false));
      themed.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      teardown = () => {
        resized.disconnect();
        themed.disconnect();
        plot.destroy();
        chart.current = null;
      };
    };
    // Made when the page is idle: sizing it forces a layout the first screen need not wait for.
    const idle = whenIdle(make);
    return () => {
      idle.cancel();
      teardown?.();
    };
  }, [box]); // made once per element: options are read then

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);
}

/** Runs `f` when the page is idle (within a second); cancelled, never. */
function whenIdle(f: () => void): { cancel(): void } {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(f, { timeout: 1000 });
    return { cancel: () => window.cancelIdleCallback(id) };
  }
  const id = window.setTimeout(f, 100);
  return { cancel: () => window.clearTimeout(id) };
}
