// The Headers tab: the extra request headers. A secret (Cookie, Authorization) arrives from the
// engine only as "set" and is shown that way, with a lock: its value never reaches a client.
import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { SECRET_SET } from '../../../../shared/redact';

export function HeadersTab({ headers }: { headers: Record<string, string> }) {
  const { t } = useTranslation('details');
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="details-note">{t('headers.empty')}</p>;
  return (
    <table className="details-table headers-table">
      <thead>
        <tr>
          <th scope="col">{t('headers.name')}</th>
          <th scope="col">{t('headers.value')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row" className="headers-name">
              {name}
            </th>
            <td>
              {value === SECRET_SET ? (
                <span className="headers-secret" title={t('headers.secret')}>
                  <Lock size={12} aria-hidden="true" />
                  {t('headers.set')}
                  <span className="sr-only">, {t('headers.secret')}</span>
                </span>
              ) : (
                <span className="details-long">{value}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
