import { useTranslation } from 'react-i18next';
import { useApp } from '../store';
import './connection-banner.css';

/** Says so while the engine is out of reach (web mode: the server restarted or the network dropped). */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useApp((s) => s.connection);
  if (connection === 'open') return null;
  return (
    <div className={`connection-banner is-${connection}`} role="status">
      {t(connection === 'lost' ? 'connection.lost' : 'connection.connecting')}
    </div>
  );
}
