// The signature: one canvas per row drawing each segment where it lies in the file, done bytes
// filled, each live connection's head a bright edge. One element, whatever the connections.
import { memo, useLayoutEffect, useRef } from 'react';
import type { BarSegment } from '../../../../shared/models/job-row';
import { barGeometry } from './bar-geometry';
import { tweenBar, tweenDistance, type BarState } from './bar-tween';
import type { Tone } from './status-words';
import { useThemeKey } from './use-theme-key';

const FILL_VAR: Record<Tone, string> = {
  active: '--bar-done',
  queued: '--bar-queued',
  paused: '--bar-paused',
  verify: '--bar-verify',
  done: '--bar-complete',
  failed: '--bar-failed',
};

interface Palette {
  track: string;
  live: string;
  fill: Record<Tone, string>;
  height: number;
}

// Read once per theme and density, not per draw: getComputedStyle in every row at 10 Hz would
// recalculate styles each time.
let palette: { key: string; value: Palette } | null = null;

function paletteFor(key: string, canvas: HTMLCanvasElement): Palette {
  if (palette?.key === key) return palette.value;
  const css = getComputedStyle(canvas);
  const fill = Object.fromEntries(Object.entries(FILL_VAR).map(([tone, v]) => [tone, css.getPropertyValue(v).trim()])) as Record<Tone, string>;
  const value = { track: css.getPropertyValue('--bar-track').trim(), live: css.getPropertyValue('--bar-live').trim(), fill, height: Math.round(parseFloat(css.height)) || 6 };
  palette = { key, value };
  return value;
}

export interface ProgressBarProps {
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

export const ProgressBar = memo(function ProgressBar({ bar, received, total, tone, stage, width }: ProgressBarProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const context = useRef<CanvasRenderingContext2D | null>(null);
  /** What is on the canvas now (mid-ease, perhaps), where the next ease starts. */
  const shown = useRef<BarState | null>(null);
  const theme = useThemeKey();

  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas || width <= 0) return;
    const p = paletteFor(theme, canvas);
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(p.height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(p.height * dpr);
    }
    context.current ??= canvas.getContext('2d');
    const ctx = context.current;
    if (!ctx) return;
    const target: BarState = { bar, received };
    const paint = (state: BarState): void => {
      shown.current = state;
      draw(ctx, p, dpr, width, tone, stage, state, total);
    };
    const from = shown.current;
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
  }, [bar, received, total, tone, stage, width, theme]);

  return <canvas ref={ref} className="progress-canvas" width={width} aria-hidden />;
});

function draw(ctx: CanvasRenderingContext2D, p: Palette, dpr: number, width: number, tone: Tone, stage: number | null, state: BarState, total: number | null): void {
  const height = p.height;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(0, 0, width, height, height / 2);
  ctx.clip();
  ctx.fillStyle = p.track;
  ctx.fillRect(0, 0, width, height);
  const g = stage !== null ? barGeometry(null, stage, 1, width) : tone === 'done' ? barGeometry(null, 1, 1, width) : barGeometry(state.bar, state.received, total, width);
  ctx.fillStyle = p.fill[tone];
  for (const r of g.done) ctx.fillRect(r.x, 0, r.width, height);
  if (tone === 'active') {
    ctx.fillStyle = p.live;
    for (const r of g.heads) ctx.fillRect(r.x, 0, r.width, height);
  }
  ctx.restore();
}
