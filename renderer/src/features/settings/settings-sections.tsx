// The engine's settings, grouped the way people look for them.
import { useTranslation } from 'react-i18next';
import { useApp } from '../../store';
import { FolderSetting } from './folder-setting';
import { parsePlain, parseProxy, parseTrimmed } from './settings-fields';
import { NumberSetting, TextSetting, ToggleSetting } from './setting-controls';
import { SpeedLimitSetting } from './speed-limit-setting';

export function DownloadsSection() {
  return (
    <>
      <FolderSetting />
      <NumberSetting settingKey="maxJobs" kind="count" />
      <NumberSetting settingKey="connectionsPerJob" kind="count" />
      <NumberSetting settingKey="maxPerHost" kind="count" />
      <NumberSetting settingKey="minSplitSize" kind="size" />
    </>
  );
}

export function SpeedSection() {
  return (
    <>
      <SpeedLimitSetting settingKey="globalSpeedLimit" />
      <SpeedLimitSetting settingKey="defaultSpeedLimit" />
    </>
  );
}

export function AfterDownloadSection() {
  const { t } = useTranslation('settings');
  return (
    <>
      <ToggleSetting settingKey="extractArchives" label={t('extractArchives.label')} hint={t('extractArchives.hint')} />
      <ToggleSetting settingKey="deleteArchiveAfterExtract" label={t('deleteArchiveAfterExtract.label')} hint={t('deleteArchiveAfterExtract.hint')} />
      <NumberSetting settingKey="poolSize" kind="count" />
    </>
  );
}

export function NetworkSection() {
  const { t } = useTranslation('settings');
  const verify = useApp((s) => s.settings?.tlsVerifyCertificates ?? true);
  return (
    <>
      <NumberSetting settingKey="maxTries" kind="count" />
      <NumberSetting settingKey="connectTimeoutMs" kind="seconds" />
      <NumberSetting settingKey="stallTimeoutMs" kind="seconds" />
      <TextSetting settingKey="userAgent" parse={parseTrimmed} label={t('userAgent.label')} hint={t('userAgent.hint')} />
      <h3 className="settings-heading">{t('proxy.heading')}</h3>
      <TextSetting settingKey="proxyUrl" parse={parseProxy} label={t('proxy.url')} hint={t('proxy.urlHint')} placeholder="http://proxy:8080" />
      <TextSetting settingKey="proxyBypass" parse={parseTrimmed} label={t('proxy.bypass')} hint={t('proxy.bypassHint')} />
      <h3 className="settings-heading">{t('tls.heading')}</h3>
      <ToggleSetting settingKey="tlsVerifyCertificates" label={t('tls.verify')} hint={verify ? undefined : t('tls.verifyOff')} />
      <ToggleSetting settingKey="tlsUseSystemCertificates" label={t('tls.system')} />
      <TextSetting settingKey="tlsExtraCaCertificates" parse={parsePlain} multiline label={t('tls.extra')} hint={t('tls.extraHint')} />
    </>
  );
}
