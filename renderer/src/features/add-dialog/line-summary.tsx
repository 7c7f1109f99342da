// Under the box: how many downloads are ready and how many lines need fixing, then the lines to
// fix as text (for everyone, and for screen readers), each taking the caret to its line.
import { CircleAlert, CircleCheck, LoaderCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { MAX_ITEMS } from './build-items';
import type { LineChecks } from './check-lines';
import { useReasonText } from './use-reason-text';
import './url-box.css';

const LISTED = 50;

interface LineSummaryProps {
  checks: LineChecks;
  pending: boolean;
  onGoToLine(line: number): void;
}

export function LineSummary({ checks, pending, onGoToLine }: LineSummaryProps) {
  const { t } = useTranslation('addDialog');
  const reasonText = useReasonText();
  const bad = checks.bad;
  return (
    <>
      <div id="add-box-summary" className="add-summary" aria-live="polite">
        {pending ? (
          <span className="add-summary-item">
            <LoaderCircle className="add-spin" size={14} aria-hidden="true" />
            {t('checking')}
          </span>
        ) : (
          <>
            {checks.total > 0 && (
              <span className="add-summary-item add-summary-ok">
                <CircleCheck size={14} aria-hidden="true" />
                {t('ready', { count: checks.total })}
              </span>
            )}
            {bad.length > 0 && (
              <span className="add-summary-item add-summary-bad">
                <CircleAlert size={14} aria-hidden="true" />
                {t('toFix', { count: bad.length })}
              </span>
            )}
          </>
        )}
      </div>
      {checks.total > MAX_ITEMS && <p className="add-error" role="alert">{t('tooMany', { max: MAX_ITEMS })}</p>}
      {bad.length > 0 && (
        <ul className="add-problems" aria-label={t('toFix', { count: bad.length })}>
          {bad.slice(0, LISTED).map((b) => (
            <li key={b.line}>
              <button type="button" className="add-problem" onClick={() => onGoToLine(b.line)}>
                {t('lineBad', { line: b.line, reason: reasonText(b.reason) })}
              </button>
            </li>
          ))}
          {bad.length > LISTED && <li className="add-problem-more">{t('moreToFix', { count: bad.length - LISTED })}</li>}
        </ul>
      )}
    </>
  );
}
