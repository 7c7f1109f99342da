// The signature: each segment of the file drawn where it lies, done bytes filled, each live
// connection's head a bright edge. One element whatever the connections: the ranges are CSS
// gradients (bar-gradient.ts), set on the element directly while the bar eases.
import { memo, useLayoutEffect, useRef } from 'react';
import type { BarSegment } from '../../../../shared/models/job-row';
import { barGeometry } from './bar-geometry';
import { barBackground } from './bar-gradient';
import { tweenBar, tweenDistance, type BarState } from './bar-tween';
import type { Tone } from './status-words';

export interface ProgressBarProps {
  /** Whose bar: rows are reused as the list scrolls, and one job's bar never eases into another's. */
  id: string;
  bar: readonly BarSegment[] | null;
  received: number;
  total: number | null;
  tone: Tone;
  /** Verifying, extracting: the stage's own fraction fills the bar instead. */
  stage: number | null;
  /** px, from the column's width (no observer per row). */
  width: number;
}

/** Easing time, ms: the brief allows up to 100. */
const EASE_MS = 90;
/** Moves shorter than this (px) are painted at once. */
const MIN_EASE_PX = 3;
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

export const ProgressBar = memo(function ProgressBar({ id, bar, received, total, tone, stage, width }: ProgressBarProps) {
  const ref = useRef<HTMLDivElement>(null);
  /** What is shown now (mid-ease, perhaps) and for which job: where the next ease starts. */
  const shown = useRef<{ id: string; state: BarState } | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || width <= 0) return;
    const target: BarState = { bar, received };
    const paint = (state: BarState): void => {
      shown.current = { id, state };
      const g = stage !== null ? barGeometry(null, stage, 1, width) : tone === 'done' ? barGeometry(null, 1, 1, width) : barGeometry(state.bar, state.received, total, width);
      el.style.backgroundImage = barBackground(g.done, tone === 'active' ? g.heads : []);
    };
    const from = shown.current?.id === id ? shown.current.state : null;
    // Ten updates a second over a hundred rows: ease only what moves visibly (a sub-pixel step
    // eased is frames of work for nothing).
    if (!from || reducedMotion || tone !== 'active' || tweenDistance(from, target, total, width) < MIN_EASE_PX) return paint(target);
    const started = performance.now();
    let frame = 0;
    const step = (): void => {
      const t = Math.min(1, (performance.now() - started) / EASE_MS);
      paint(tweenBar(from, target, t));
      if (t < 1) frame = requestAnimationFrame(step);
    };
    step();
    return () => cancelAnimationFrame(frame);
  }, [id, bar, received, total, tone, stage, width]);

  return <div ref={ref} className={`progress-track tone-${tone}`} aria-hidden />;
});
