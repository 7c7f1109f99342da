// The status in words, with its icon and colour, a ticking countdown while a retry waits, and the
// hint of a failure as a link that does what it says.
import { useTranslation } from 'react-i18next';
import type { JobRow } from '../../../../shared/models/job-row';
import { say } from '../../job-words/words';
import { useListActions } from './list-actions';
import { RowIcon } from './row-icons';
import { describeStatus, type StatusWords } from './status-words';
import { useNow } from './use-now';

type T = ReturnType<typeof useTranslation<'taskList'>>['t'];

export function statusText(t: T, w: StatusWords): string {
  return say(t, w);
}

/** The status for the row's accessible name and the cell, ticking while a retry counts down. */
export function useStatusWords(row: JobRow): StatusWords {
  const waiting = row.retry !== null && row.retry.at > Date.now();
  const now = useNow(waiting);
  return describeStatus(row, now);
}

/** The status column's grid cell: its colour and tooltip on the cell itself (an element less a row). */
export function StatusCell({ row, words, t }: { row: JobRow; words: StatusWords; t: T }) {
  const actions = useListActions();
  const text = statusText(t, words);
  const hint = words.hint;
  return (
    <div role="gridcell" className={`cell cell-status status status-${words.tone}`} title={[text, hint && t(hint.key), words.note && say(t, words.note), words.detail].filter(Boolean).join('\n')}>
      <RowIcon name={words.icon} color={words.tone} className="status-icon" />
      <span className="status-text">{words.short ? t(words.short.key, words.short.values) : text}</span>
      {hint && (
        <button
          type="button"
          className="status-hint"
          tabIndex={-1}
          disabled={hint.action === null}
          onClick={(e) => {
            e.stopPropagation();
            if (hint.action === 'changeAddress') actions.changeAddress(row.id);
            else if (hint.action === 'retry') actions.retry(row.id);
          }}
        >
          {t(hint.key)}
        </button>
      )}
    </div>
  );
}
