// Where downloads go: the platform's Downloads folder (an empty downloadDir: the engine resolves
// it, so it follows the user's folder wherever the app runs) or a full path of the user's choice.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickFolder, useApp, useAppStore } from '../../store';
import { BrowseButton } from '../../ui/browse-button';
import { parseFolder, textDraft } from './settings-fields';
import { describedBy, ProblemText } from './setting-controls';
import { applySettings, useSetting } from './use-setting';

export function FolderSetting() {
  const { t } = useTranslation('settings');
  const store = useAppStore();
  const id = useId();
  const saved = useApp((s) => s.settings?.downloadDir ?? '');
  const systemPath = useApp((s) => s.info?.defaultDownloadDir ?? '');
  const field = useSetting('downloadDir', textDraft, parseFolder);
  // Picking "another folder" shows the box before any path is saved.
  const [picked, setPicked] = useState<'system' | 'custom' | null>(null);
  const mode = picked ?? (saved === '' ? 'system' : 'custom');
  const hint = t('folder.customHint');
  const canPick = useApp((s) => s.info?.capabilities.pickFolder ?? false);
  const browse = async (): Promise<null> => {
    const chosen = await pickFolder(store, t('folder.label'), field.draft.text.trim() || systemPath);
    if (chosen) field.commit({ text: chosen });
    return null;
  };
  return (
    <fieldset className="setting-row setting-fieldset">
      <legend className="setting-label">{t('folder.label')}</legend>
      <div className="setting-control setting-choices">
        <label className="setting-radio">
          <input
            type="radio"
            name={id}
            checked={mode === 'system'}
            onChange={() => {
              setPicked('system');
              void applySettings(store, { downloadDir: '' });
            }}
          />
          <span>
            {t('folder.system')}
            {systemPath && <span className="setting-hint setting-path">{t('folder.systemPath', { path: systemPath })}</span>}
          </span>
        </label>
        <label className="setting-radio">
          <input type="radio" name={id} checked={mode === 'custom'} onChange={() => setPicked('custom')} />
          <span>{t('folder.custom')}</span>
        </label>
        {mode === 'custom' && (
          <div className="setting-indent">
            <div className="setting-folder-line">
              <input
                id={`${id}-path`}
                className="setting-input setting-wide"
                aria-label={t('folder.customLabel')}
                placeholder={systemPath}
                spellCheck={false}
                value={field.draft.text}
                aria-invalid={field.problem ? true : undefined}
                aria-describedby={describedBy(`${id}-path`, field.problem ? undefined : hint, field.problem)}
                onChange={(e) => field.edit({ text: e.target.value })}
                onBlur={() => field.draft.text.trim() !== '' && field.commit()}
                onKeyDown={(e) => e.key === 'Enter' && field.commit()}
              />
              {canPick && <BrowseButton onPick={browse} />}
            </div>
            {/* The problem says the same as the hint, in red: one of them is enough. */}
            {!field.problem && (
              <p id={`${id}-path-hint`} className="setting-hint">
                {hint}
              </p>
            )}
            <ProblemText id={`${id}-path-problem`} problem={field.problem} />
          </div>
        )}
      </div>
    </fieldset>
  );
}
