// The History tab: what happened to the download, newest first.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobEvent } from '../../../../shared/models/job-row';
import { say } from '../../job-words/words';
import { eventDetails, newestFirst, type EventDetails } from './history';

type T = ReturnType<typeof useTranslation<'details'>>['t'];

/** The subject as it is, then what happened in words with the engine's message on hover, then the code. */
function EventDetailsCell({ details, t }: { details: EventDetails; t: T }) {
  const { subject, words, code, title } = details;
  return (
    <td className="details-long">
      {subject && <span className="history-subject">{subject}</span>}
      {words && (
        <span className="history-words" title={title ?? undefined}>
          {say(t, words)}
        </span>
      )}
      {code && <code className="details-code">{code}</code>}
    </td>
  );
}

export function HistoryTab({ history }: { history: readonly JobEvent[] }) {
  const { t, i18n } = useTranslation('details');
  const events = useMemo(() => newestFirst(history), [history]);
  const when = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' }), [i18n.language]);
  if (events.length === 0) return <p className="details-note">{t('history.empty')}</p>;
  return (
    <table className="details-table history-table">
      <thead>
        <tr>
          <th scope="col">{t('history.time')}</th>
          <th scope="col">{t('history.event')}</th>
          <th scope="col">{t('history.details')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e, i) => (
          <tr key={`${e.at}-${i}`}>
            <td className="history-time tabular">
              <time dateTime={new Date(e.at).toISOString()}>{when.format(e.at)}</time>
            </td>
            <td className="history-event">
              <span className="history-kind" data-kind={e.kind}>
                {t(`kind.${e.kind}`)}
              </span>
            </td>
            <EventDetailsCell details={eventDetails(e)} t={t} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
