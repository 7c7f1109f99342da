// The settings dialog's fields: a label, the control, a hint and, when a value is refused, the
// reason in plain words beside it (tied to the control with aria-describedby).
import { CircleAlert } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/models/settings';
import { useApp, useAppStore } from '../../store';
import { countDraft, parseCount, parseSeconds, parseSize, secondsDraft, SIZE_UNITS, sizeDraft, textDraft, type Draft, type Parsed, type Problem, type SizeUnit, type CountKey, type SecondsKey, type SizeKey } from './settings-fields';
import { applySettings, useSetting } from './use-setting';
import './setting-controls.css';

export function ProblemText({ id, problem }: { id: string; problem: Problem | null }) {
  const { t } = useTranslation('settings');
  if (!problem) return null;
  return (
    <p id={id} className="setting-problem">
      <CircleAlert size={14} aria-hidden="true" />
      <span>{t(`problem.${problem.key}`, problem.values)}</span>
    </p>
  );
}

interface RowProps {
  id: string;
  label: string;
  hint?: string;
  problem?: Problem | null;
  children: ReactNode;
}

/** ids of the hint and problem texts that describe a control. */
export function describedBy(id: string, hint: string | undefined, problem: Problem | null | undefined): string | undefined {
  return [hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined;
}

export function SettingRow({ id, label, hint, problem = null, children }: RowProps) {
  return (
    <div className="setting-row">
      <label className="setting-label" htmlFor={id}>
        {label}
      </label>
      <div className="setting-control">
        {children}
        {hint && (
          <p id={`${id}-hint`} className="setting-hint">
            {hint}
          </p>
        )}
        <ProblemText id={`${id}-problem`} problem={problem} />
      </div>
    </div>
  );
}

const NUMBER_KINDS = {
  count: { toDraft: countDraft, parse: parseCount },
  size: { toDraft: sizeDraft, parse: parseSize },
  seconds: { toDraft: secondsDraft, parse: parseSeconds },
} as const;

type NumberProps = { settingKey: CountKey; kind: 'count' } | { settingKey: SizeKey; kind: 'size' } | { settingKey: SecondsKey; kind: 'seconds' };

/** A number typed in the field's unit: sizes with a KiB/MiB/GiB choice, timeouts in seconds. */
export function NumberSetting({ settingKey, kind }: NumberProps) {
  const { t } = useTranslation('settings');
  const id = useId();
  const field = useSetting(settingKey, NUMBER_KINDS[kind].toDraft, NUMBER_KINDS[kind].parse);
  const hint = t(`${settingKey}.hint`);
  return (
    <SettingRow id={id} label={t(`${settingKey}.label`)} hint={hint} problem={field.problem}>
      <div className="setting-number">
        <input
          id={id}
          className="setting-input tabular"
          inputMode="decimal"
          value={field.draft.text}
          aria-invalid={field.problem ? true : undefined}
          aria-describedby={describedBy(id, hint, field.problem)}
          onChange={(e) => field.type({ ...field.draft, text: e.target.value })}
          onBlur={() => field.commit()}
          onKeyDown={(e) => e.key === 'Enter' && field.commit()}
        />
        {kind === 'size' && <UnitSelect unit={field.draft.unit ?? 'MiB'} onChange={(unit) => field.commit({ ...field.draft, unit })} />}
        {kind === 'seconds' && <span className="setting-suffix">{t('seconds')}</span>}
      </div>
    </SettingRow>
  );
}

export function UnitSelect({ unit, onChange, perSecond = false, disabled }: { unit: SizeUnit; onChange: (unit: SizeUnit) => void; perSecond?: boolean; disabled?: boolean }) {
  const { t } = useTranslation('settings');
  return (
    <select className="setting-select" aria-label={t('unit')} value={unit} disabled={disabled} onChange={(e) => onChange(e.target.value as SizeUnit)}>
      {Object.keys(SIZE_UNITS).map((u) => (
        <option key={u} value={u}>
          {perSecond ? `${u}/s` : u}
        </option>
      ))}
    </select>
  );
}

type TextKey = 'userAgent' | 'proxyUrl' | 'proxyBypass' | 'tlsExtraCaCertificates';

/** A typed text setting; `parse` is one of settings-fields' module-level parsers (stable identity). */
export function TextSetting({ settingKey, label, hint, parse, multiline = false, placeholder }: { settingKey: TextKey; label: string; hint?: string; parse: (d: Draft) => Parsed<string>; multiline?: boolean; placeholder?: string }) {
  const id = useId();
  const field = useSetting(settingKey, textDraft, parse);
  const common = {
    id,
    value: field.draft.text,
    placeholder,
    spellCheck: false,
    'aria-invalid': field.problem ? true : undefined,
    'aria-describedby': describedBy(id, hint, field.problem),
    onBlur: () => field.commit(),
  };
  return (
    <SettingRow id={id} label={label} hint={hint} problem={field.problem}>
      {multiline ? (
        <textarea {...common} className="setting-input setting-textarea" rows={4} onChange={(e) => field.edit({ text: e.target.value })} />
      ) : (
        <input {...common} className="setting-input setting-wide" onChange={(e) => field.edit({ text: e.target.value })} onKeyDown={(e) => e.key === 'Enter' && field.commit()} />
      )}
    </SettingRow>
  );
}

type ToggleKey = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

/** A switch for an engine setting, applied at once. */
export function ToggleSetting({ settingKey, label, hint }: { settingKey: ToggleKey; label: string; hint?: string }) {
  const store = useAppStore();
  const on = useApp((s) => s.settings?.[settingKey] ?? false);
  return <Switch label={label} hint={hint} checked={on} onChange={(checked) => void applySettings(store, { [settingKey]: checked }).then((p) => p && store.notify('error', String(p.values?.message)))} />;
}

export function Switch({ label, hint, checked, onChange, disabled }: { label: string; hint?: string; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="setting-switch-row">
      <input id={id} type="checkbox" role="switch" className="setting-switch" checked={checked} disabled={disabled} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.checked)} />
      <div>
        <label htmlFor={id} className="setting-switch-label">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="setting-hint">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** A few exclusive choices shown side by side (theme, density): a radio group. */
export function Segmented<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: { value: T; text: string }[]; onChange: (value: T) => void }) {
  const id = useId();
  return (
    <div className="setting-row" role="radiogroup" aria-labelledby={id}>
      <span id={id} className="setting-label">
        {label}
      </span>
      <div className="setting-control">
        <div className="setting-segmented">
          {options.map((o) => (
            <label key={o.value} className="setting-segment" data-checked={o.value === value || undefined}>
              <input type="radio" name={id} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
              {o.text}
            </label>
          ))}
        </div>
      </div>
    </div>
  );
}
