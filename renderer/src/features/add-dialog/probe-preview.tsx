// The first addresses as they will be saved: name, size, and whether the download can resume.
import { CircleAlert, File, LoaderCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../../shared/format';
import { say } from '../../job-words/words';
import { previewError } from './preview-error';
import type { PreviewTarget, ProbeState } from './use-probes';
import './probe-preview.css';

interface ProbePreviewProps {
  targets: PreviewTarget[];
  states: Map<string, ProbeState>;
  total: number;
  /** Checks more addresses; null when all that can be shown are. */
  onCheckMore: (() => void) | null;
}

function nameFromUrl(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || new URL(url).host;
  } catch {
    return url;
  }
}

export function ProbePreview({ targets, states, total, onCheckMore }: ProbePreviewProps) {
  const { t } = useTranslation('addDialog');
  if (targets.length === 0) return null;
  return (
    <section className="add-preview" aria-label={t('preview.heading')}>
      <div className="add-section-head">
        <h3 className="add-section-title">
          {t('preview.heading')}
          {total > targets.length && <span className="add-section-note">{t('preview.first', { count: targets.length })}</span>}
        </h3>
        {total > targets.length && onCheckMore && (
          <button type="button" className="add-link-button" onClick={onCheckMore}>
            {t('preview.check')}
          </button>
        )}
      </div>
      <ul className="add-preview-list">
        {targets.map((target) => {
          const s = states.get(target.url);
          const name = s?.state === 'done' ? s.result.name : nameFromUrl(target.url);
          return (
            <li key={target.url} className="add-preview-row">
              {s?.state === 'failed' ? (
                <CircleAlert className="add-preview-icon add-preview-icon-bad" size={16} aria-hidden="true" />
              ) : (
                <File className="add-preview-icon" size={16} aria-hidden="true" />
              )}
              <span className="add-preview-name" title={target.url}>
                {name}
              </span>
              {(!s || s.state === 'checking') && (
                <span className="add-preview-meta">
                  <LoaderCircle className="add-spin" size={13} aria-hidden="true" />
                  {t('preview.checking')}
                </span>
              )}
              {s?.state === 'done' && (
                <>
                  <span className="add-preview-meta tabular">{s.result.size === null ? t('preview.sizeUnknown') : formatBytes(s.result.size)}</span>
                  <span className={s.result.resumable ? 'add-badge add-badge-ok' : 'add-badge add-badge-warn'}>
                    {s.result.resumable ? t('preview.resumable') : t('preview.notResumable')}
                  </span>
                </>
              )}
              {s?.state === 'failed' && (
                <span className="add-preview-error" title={s.error.message}>
                  {say(t, previewError(s.error))}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
