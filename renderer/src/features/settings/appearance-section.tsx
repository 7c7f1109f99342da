// The UI's own preferences (apart from engine settings): theme, language, row height,
// notifications and, in the desktop app, the tray. Applied at once, here and in other clients.
import { useTranslation } from 'react-i18next';
import type { PrefsPatch } from '../../../../shared/models/prefs';
import { useApp, useAppStore, type AppStore } from '../../store';
import { BrowserNotifications } from './browser-notifications';
import { Segmented, Switch } from './setting-controls';

async function setPrefs(store: AppStore, patch: PrefsPatch): Promise<void> {
  // Shown at once; the engine's answer (or another client's change) settles it.
  store.setState((s) => ({ prefs: { ...s.prefs, ...patch } }));
  const prefs = await store.run('prefs.set', patch);
  if (prefs) store.setState({ prefs });
}

export function AppearanceSection() {
  const { t } = useTranslation('settings');
  const store = useAppStore();
  const theme = useApp((s) => s.prefs.theme);
  const language = useApp((s) => s.prefs.language);
  const density = useApp((s) => s.prefs.density);
  const notifications = useApp((s) => s.prefs.notifications);
  const closeToTray = useApp((s) => s.prefs.closeToTray);
  const desktop = useApp((s) => s.info?.mode === 'desktop');
  return (
    <>
      <Segmented
        label={t('theme.label')}
        value={theme}
        options={(['system', 'light', 'dark'] as const).map((v) => ({ value: v, text: t(`theme.${v}`) }))}
        onChange={(v) => void setPrefs(store, { theme: v })}
      />
      <Segmented
        label={t('language.label')}
        value={language}
        options={(['system', 'en', 'zh-CN'] as const).map((v) => ({ value: v, text: t(`language.${v}`) }))}
        onChange={(v) => void setPrefs(store, { language: v })}
      />
      <Segmented
        label={t('density.label')}
        value={density}
        options={(['comfortable', 'compact'] as const).map((v) => ({ value: v, text: t(`density.${v}`) }))}
        onChange={(v) => void setPrefs(store, { density: v })}
      />
      <h3 className="settings-heading">{t('notify.heading')}</h3>
      <Switch label={t('notify.completed')} checked={notifications.completed} onChange={(completed) => void setPrefs(store, { notifications: { ...notifications, completed } })} />
      <Switch label={t('notify.failed')} checked={notifications.failed} onChange={(failed) => void setPrefs(store, { notifications: { ...notifications, failed } })} />
      <BrowserNotifications />
      {desktop && <Switch label={t('closeToTray.label')} checked={closeToTray} onChange={(v) => void setPrefs(store, { closeToTray: v })} />}
    </>
  );
}
