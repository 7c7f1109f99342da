// The signature: one canvas per row drawing each segment where it lies in the file, done bytes
// filled, each live connection's head a bright edge. One element, whatever the connections.
import { memo, useLayoutEffect, useRef, useState } from 'react';
import type { BarSegment } from '../../../../shared/models/job-row';
import { barGeometry } from './bar-geometry';
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

export interface ProgressBarProps {
  bar: readonly BarSegment[] | null;
  received: number;
  total: number | null;
  tone: Tone;
  /** Verifying, extracting: the stage's own fraction fills the bar instead. */
  stage: number | null;
}

export const ProgressBar = memo(function ProgressBar({ bar, received, total, tone, stage }: ProgressBarProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const theme = useThemeKey();

  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    ro.observe(canvas);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas || width === 0) return;
    const css = getComputedStyle(canvas);
    const height = Math.round(parseFloat(css.height)) || 6;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== width * dpr || canvas.height !== height * dpr) {
      canvas.width = width * dpr;
      canvas.height = height * dpr;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.save();
    ctx.beginPath();
    ctx.roundRect(0, 0, width, height, height / 2);
    ctx.clip();
    ctx.fillStyle = css.getPropertyValue('--bar-track');
    ctx.fillRect(0, 0, width, height);
    const g = stage !== null ? barGeometry(null, stage, 1, width) : barGeometry(tone === 'done' ? null : bar, tone === 'done' ? 1 : received, tone === 'done' ? 1 : total, width);
    ctx.fillStyle = css.getPropertyValue(FILL_VAR[tone]);
    for (const r of g.done) ctx.fillRect(r.x, 0, r.width, height);
    if (tone === 'active') {
      ctx.fillStyle = css.getPropertyValue('--bar-live');
      for (const r of g.heads) ctx.fillRect(r.x, 0, r.width, height);
    }
    ctx.restore();
  }, [bar, received, total, tone, stage, width, theme]);

  return <canvas ref={ref} className="progress-canvas" aria-hidden />;
});
