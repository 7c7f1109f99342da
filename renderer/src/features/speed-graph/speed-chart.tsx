// The details panel's larger chart: one download's speed over the last minutes, with a speed
// scale and minutes marked. Samples are taken here once a second from the watched job's detail.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { formatSpeed } from '../../../../shared/format';
import { useApp, useAppStore } from '../../store';
import { niceTop, peakOf, speedSeries } from './speed-series';
import { cssVar, useUplot } from './use-uplot';
import './speed-graph.css';

const WINDOW_SECONDS = 300;

function chartOptions(el: HTMLElement, ago: (minutes: number) => string): Omit<uPlot.Options, 'width' | 'height'> {
  const axis = {
    stroke: () => cssVar(el, '--text-muted'),
    grid: { stroke: () => cssVar(el, '--border'), width: 1 },
    ticks: { show: false },
    font: '11px system-ui, sans-serif',
  };
  return {
    cursor: { show: false },
    legend: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    padding: [8, 20, 0, 0],
    scales: { x: { time: false }, y: { range: (u) => [0, niceTop(peakOf(u.data[1] ?? []))] } },
    axes: [
      { ...axis, splits: () => [-240, -180, -120, -60, 0], values: (_u, splits) => splits.map((s) => ago(-s / 60)), size: 22 },
      { ...axis, splits: (u) => [0, (u.scales.y!.max ?? 0) / 2, u.scales.y!.max ?? 0], values: (_u, splits) => splits.map((s) => (s === 0 ? '0' : formatSpeed(s))), size: 76 },
    ],
    series: [{}, { stroke: () => cssVar(el, '--graph-line'), fill: () => cssVar(el, '--graph-fill'), width: 1.5, points: { show: false } }],
  };
}

/** The watched download's speed, one sample a second, restarted when another download is shown. */
function useJobSpeedSamples(): number[] {
  const store = useAppStore();
  const id = useApp((s) => s.detailsId);
  const [samples, setSamples] = useState<number[]>([]);
  useEffect(() => {
    setSamples([]);
    if (!id) return;
    const take = (): void => {
      const { detail } = store.getState();
      if (detail?.id === id) setSamples((s) => [...s.slice(-(WINDOW_SECONDS - 1)), detail.status === 'active' ? detail.speed : 0]);
    };
    const timer = setInterval(take, 1000);
    return () => clearInterval(timer);
  }, [id, store]);
  return samples;
}

export function JobSpeedChart() {
  const { t } = useTranslation('speedGraph');
  const samples = useJobSpeedSamples();
  const speed = useApp((s) => (s.detail?.status === 'active' ? s.detail.speed : 0));
  const box = useRef<HTMLDivElement>(null);
  const data = useMemo(() => speedSeries(samples, WINDOW_SECONDS), [samples]);
  // The chart is made once; its axis reads the words of the language shown at each draw.
  const words = useRef(t);
  words.current = t;
  const options = useCallback((el: HTMLElement) => chartOptions(el, (m) => (m === 0 ? words.current('now') : words.current('minutesAgo', { count: m }))), []);
  useUplot(box, options, data);
  return (
    <figure className="speed-chart">
      <figcaption className="sr-only">{t('job', { speed: formatSpeed(speed) })}</figcaption>
      <div ref={box} className="speed-chart-plot" aria-hidden="true" />
    </figure>
  );
}
