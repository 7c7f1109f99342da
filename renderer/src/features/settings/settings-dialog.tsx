// The settings dialog: a tab per group on the left, the group's fields on the right. Opened by
// the store's settingsOpen (the toolbar's button, a shortcut); every change applies at once.
import * as Dialog from '@radix-ui/react-dialog';
import * as Tabs from '@radix-ui/react-tabs';
import { Archive, Download, Gauge, Globe, Palette, X, type LucideIcon } from 'lucide-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../store';
import { AppearanceSection } from './appearance-section';
import { AfterDownloadSection, DownloadsSection, NetworkSection, SpeedSection } from './settings-sections';
import './settings-dialog.css';

const TABS: { id: 'downloads' | 'speed' | 'after' | 'network' | 'appearance'; icon: LucideIcon; Section: ComponentType }[] = [
  { id: 'downloads', icon: Download, Section: DownloadsSection },
  { id: 'speed', icon: Gauge, Section: SpeedSection },
  { id: 'after', icon: Archive, Section: AfterDownloadSection },
  { id: 'network', icon: Globe, Section: NetworkSection },
  { id: 'appearance', icon: Palette, Section: AppearanceSection },
];

export function SettingsDialog() {
  const { t } = useTranslation('settings');
  const store = useAppStore();
  const open = useApp((s) => s.settingsOpen);
  const loaded = useApp((s) => s.settings !== null);
  return (
    <Dialog.Root open={open} onOpenChange={(settingsOpen) => store.setState({ settingsOpen })}>
      <Dialog.Portal>
        <Dialog.Overlay className="settings-overlay" />
        <Dialog.Content
          className="settings-dialog"
          onOpenAutoFocus={(e) => {
            // Start on the group list (arrows move between groups), not on the close button.
            e.preventDefault();
            (e.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>('[role="tab"][data-state="active"]')?.focus();
          }}
        >
          <header className="settings-header">
            <Dialog.Title className="settings-title">{t('title')}</Dialog.Title>
            <Dialog.Description className="settings-description">{t('savedLive')}</Dialog.Description>
            <Dialog.Close className="settings-close" aria-label={t('close')}>
              <X size={18} aria-hidden="true" />
            </Dialog.Close>
          </header>
          {loaded && (
            <Tabs.Root className="settings-body" defaultValue="downloads" orientation="vertical">
              <Tabs.List className="settings-tabs" aria-label={t('title')}>
                {TABS.map(({ id, icon: Icon }) => (
                  <Tabs.Trigger key={id} value={id} className="settings-tab">
                    <Icon size={16} aria-hidden="true" />
                    {t(`tabs.${id}`)}
                  </Tabs.Trigger>
                ))}
              </Tabs.List>
              {TABS.map(({ id, Section }) => (
                <Tabs.Content key={id} value={id} className="settings-panel">
                  <h2 className="settings-panel-title">{t(`tabs.${id}`)}</h2>
                  <Section />
                </Tabs.Content>
              ))}
            </Tabs.Root>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
