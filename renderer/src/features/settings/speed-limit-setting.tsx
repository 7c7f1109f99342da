// A speed limit (the total one, or the default for each new download): a switch, and the rate in
// KiB/s, MiB/s or GiB/s. Off means unlimited (null); turning it on again brings back the last rate.
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MIB } from '../../../../shared/models/settings';
import { useApp, useAppStore } from '../../store';
import { parseRate, rateDraft, splitSize, type RateKey } from './settings-fields';
import { describedBy, SettingRow, Switch, UnitSelect } from './setting-controls';
import { applySettings, useSetting } from './use-setting';

const FIRST_LIMIT = 10 * MIB;

export function SpeedLimitSetting({ settingKey }: { settingKey: RateKey }) {
  const { t } = useTranslation('settings');
  const store = useAppStore();
  const id = useId();
  const limit = useApp((s) => s.settings?.[settingKey] ?? null);
  const last = useRef(FIRST_LIMIT);
  if (limit !== null) last.current = limit;
  const field = useSetting(settingKey, rateDraft, parseRate);
  const on = limit !== null;
  const hint = t(`${settingKey}.hint`);
  return (
    <>
      <Switch
        label={t(`${settingKey}.toggle`)}
        checked={on}
        onChange={(checked) => (checked ? field.commit(splitSize(last.current)) : void applySettings(store, { [settingKey]: null }))}
      />
      <SettingRow id={id} label={t(`${settingKey}.label`)} hint={hint} problem={field.problem}>
        <div className="setting-number">
          <input
            id={id}
            className="setting-input tabular"
            inputMode="decimal"
            disabled={!on}
            value={field.draft.text}
            aria-invalid={field.problem ? true : undefined}
            aria-describedby={describedBy(id, hint, field.problem)}
            onChange={(e) => field.type({ ...field.draft, text: e.target.value })}
            onBlur={() => on && field.commit()}
            onKeyDown={(e) => e.key === 'Enter' && field.commit()}
          />
          <UnitSelect perSecond disabled={!on} unit={field.draft.unit ?? 'MiB'} onChange={(unit) => field.commit({ ...field.draft, unit })} />
        </div>
      </SettingRow>
    </>
  );
}
