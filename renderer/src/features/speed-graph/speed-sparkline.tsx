// The toolbar's quiet total-speed graph: the last five minutes as a thin line, the current speed
// as text beside it (and said in full for screen readers). A toolbar that already shows the total
// speed as text takes the line alone (showValue={false}).
import { ArrowDown } from 'lucide-react';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { formatSpeed } from '../../../../shared/format';
import { SPEED_HISTORY_SECONDS, useApp } from '../../store';
import { niceTop, peakOf, speedSeries } from './speed-series';
import { cssVar, useUplot } from './use-uplot';
import './speed-graph.css';

export function sparklineOptions(el: HTMLElement): Omit<uPlot.Options, 'width' | 'height'> {
  return {
    cursor: { show: false },
    legend: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    padding: [2, 0, 1, 0],
    axes: [{ show: false }, { show: false }],
    scales: { x: { time: false }, y: { range: (u) => [0, niceTop(peakOf(u.data[1] ?? []))] } },
    series: [{}, { stroke: () => cssVar(el, '--graph-line'), fill: () => cssVar(el, '--graph-fill'), width: 1.25, points: { show: false } }],
  };
}

export function SpeedSparkline({ showValue = true }: { showValue?: boolean }) {
  const { t } = useTranslation('speedGraph');
  const history = useApp((s) => s.speedHistory);
  // Without the text, the line repaints once a second (a sample), not at every stats event.
  const speed = useApp((s) => (showValue ? (s.stats?.speed ?? 0) : 0));
  const box = useRef<HTMLDivElement>(null);
  const data = useMemo(() => speedSeries(history, SPEED_HISTORY_SECONDS), [history]);
  useUplot(box, sparklineOptions, data);
  const text = formatSpeed(speed);
  return (
    <div className="speed-sparkline">
      {showValue && (
        <>
          <ArrowDown size={14} aria-hidden="true" className="speed-sparkline-icon" />
          <span className="speed-sparkline-value tabular" aria-hidden="true">
            {text}
          </span>
          <span className="sr-only">{t('total', { speed: text })}</span>
        </>
      )}
      <div ref={box} className="speed-sparkline-plot" aria-hidden="true" />
    </div>
  );
}
