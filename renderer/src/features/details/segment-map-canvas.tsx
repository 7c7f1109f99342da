// The segment map: one canvas, each segment drawn where it lies in the file, what has arrived
// filled, and a bright edge where a connection is writing, so a person sees the connections
// filling the file. Redrawn when the detail or the width changes, in the theme's colours.
import { useEffect, useRef, useState } from 'react';
import type { JobDetail } from '../../../../shared/models/job-row';
import { segmentBoxes } from './segment-map';

const HEAD = 2;

function colour(el: Element, name: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim();
}

export function SegmentMapCanvas({ detail, label }: { detail: JobDetail; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [theme, setTheme] = useState(document.documentElement.dataset.theme);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const resized = new ResizeObserver(() => setWidth(el.clientWidth));
    resized.observe(el);
    const themed = new MutationObserver(() => setTheme(document.documentElement.dataset.theme));
    themed.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      resized.disconnect();
      themed.disconnect();
    };
  }, []);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const height = el.clientHeight;
    el.width = Math.round(width * ratio);
    el.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = colour(el, '--bar-track');
    ctx.fillRect(0, 0, width, height);
    const doneColour = colour(el, detail.status === 'completed' ? '--bar-complete' : detail.status === 'failed' ? '--bar-failed' : detail.status === 'paused' ? '--bar-paused' : '--bar-done');
    const liveColour = colour(el, '--bar-live');
    const gap = colour(el, '--bg');
    const boxes = segmentBoxes(detail.segments, detail.total, width);
    // One segment of a whole file (or no segments yet while downloading): the received bytes.
    if (boxes.length === 0 && detail.total) {
      ctx.fillStyle = doneColour;
      ctx.fillRect(0, 0, Math.round((Math.min(detail.received, detail.total) / detail.total) * width), height);
    }
    for (const box of boxes) {
      ctx.fillStyle = doneColour;
      ctx.fillRect(box.x, 0, box.done, height);
      if (box.live && box.done < box.width) {
        ctx.fillStyle = liveColour;
        ctx.fillRect(Math.max(box.x, box.x + box.done - HEAD), 0, HEAD, height);
      }
      // A hairline between segments, where there is room for one.
      if (box.x > 0 && box.width >= 4) {
        ctx.fillStyle = gap;
        ctx.fillRect(box.x, 0, 1, height);
      }
    }
  }, [detail, width, theme]);

  return <canvas ref={canvas} className="segment-map" role="img" aria-label={label} />;
}
