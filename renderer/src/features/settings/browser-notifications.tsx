// In a browser on `haul serve` the page posts notifications itself, once the browser allows it:
// say where that stands under the notification switches, with a button to ask. The desktop app
// posts them from its main process and needs none of this.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../store';

type Permission = NotificationPermission | 'unavailable';

function permissionNow(): Permission {
  // Notifications need a secure page: https, or this computer's own address.
  return typeof Notification === 'undefined' || !window.isSecureContext ? 'unavailable' : Notification.permission;
}

export function BrowserNotifications() {
  const { t } = useTranslation('settings');
  const appPosts = useApp((s) => s.info?.capabilities.notifications ?? true);
  const anyWanted = useApp((s) => s.prefs.notifications.completed || s.prefs.notifications.failed);
  const [permission, setPermission] = useState<Permission>(permissionNow);
  if (appPosts || !anyWanted || permission === 'granted') return null;
  return (
    <div className="setting-browser-notice">
      <p className="setting-hint">{t(`notify.browser.${permission}`)}</p>
      {permission === 'default' && (
        <button type="button" className="setting-button" onClick={() => void Notification.requestPermission().then(setPermission)}>
          {t('notify.browser.allow')}
        </button>
      )}
    </div>
  );
}
