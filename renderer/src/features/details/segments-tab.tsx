// The Segments tab: the map of the file, how many connections are writing and how fast, and one
// line per segment with its range, what has arrived and its connection's speed.
import { useTranslation } from 'react-i18next';
import { formatBytes, formatPercent, formatSpeed } from '../../../../shared/format';
import type { JobDetail } from '../../../../shared/models/job-row';
import { connectionLines, mapSize } from './segment-map';
import { SegmentMapCanvas } from './segment-map-canvas';

export function SegmentsTab({ detail }: { detail: JobDetail }) {
  const { t } = useTranslation(['details', 'common']);
  const lines = connectionLines(detail.segments);
  const active = lines.filter((l) => l.state === 'active');
  const name = detail.name ?? detail.url;
  const unknown = mapSize(detail.segments, detail.total) === null;
  return (
    <div className="segments">
      <div className="segments-summary">
        <span className="tabular">
          {active.length > 0
            ? t('map.summary', { count: active.length, speed: formatSpeed(active.reduce((sum, l) => sum + l.speed, 0)) })
            : detail.status === 'active'
              ? t('map.idle')
              : t(`common:status.${detail.status}`)}
        </span>
        <span className="segments-percent tabular">
          {formatBytes(detail.received)} / {formatBytes(detail.total)} · {formatPercent(detail.received, detail.total)}
        </span>
      </div>
      {unknown ? <p className="details-note">{t('map.unknownSize')}</p> : <SegmentMapCanvas detail={detail} label={t('map.label', { name })} />}
      {/* The colours need a key only while connections are filling the file. */}
      {lines.some((l) => l.state !== 'done') && (
        <ul className="segments-legend" aria-hidden="true">
          <li data-swatch="done">{t('legend.done')}</li>
          <li data-swatch="live">{t('legend.live')}</li>
          <li data-swatch="left">{t('legend.left')}</li>
        </ul>
      )}
      {lines.length === 0 ? (
        !detail.resumable && detail.status !== 'completed' && <p className="details-note">{t('map.single')}</p>
      ) : (
        <table className="details-table segments-table">
          <caption className="sr-only">{t('map.segments', { count: lines.length })}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('col.index')}
              </th>
              <th scope="col">{t('col.range')}</th>
              <th scope="col" className="num">
                {t('col.received')}
              </th>
              <th scope="col" className="num">
                {t('col.speed')}
              </th>
              <th scope="col">{t('col.state')}</th>
            </tr>
          </thead>
          <tbody className="tabular">
            {lines.map((l) => (
              <tr key={l.index} data-state={l.state}>
                <td className="num">{l.index}</td>
                <td>
                  {formatBytes(l.start)} – {formatBytes(l.end)}
                </td>
                <td className="num">
                  {formatBytes(l.received)}
                  {l.end !== null && <span className="segments-of"> {formatPercent(l.received, l.end - l.start)}</span>}
                </td>
                <td className="num">{l.state === 'active' ? formatSpeed(l.speed) : '—'}</td>
                <td>
                  <span className="segments-state" data-state={l.state}>
                    {t(`state.${l.state}`)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
