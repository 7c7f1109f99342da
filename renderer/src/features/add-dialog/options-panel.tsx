// "More options": the settings of these downloads only. Enter in any field starts (the form submits).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem, OptionFields } from './read-options';

interface OptionsPanelProps {
  fields: OptionFields;
  onChange(patch: Partial<OptionFields>): void;
  /** One download: its file name, checksum and mirrors can be given. */
  single: boolean;
  defaultConnections: number | null;
  defaultExtract: boolean;
  problem: FieldProblem | null;
  /** The name the server gives the single download (from the preview), shown until one is typed. */
  serverName: string | null;
}

export function OptionsPanel({ fields, onChange, single, defaultConnections, defaultExtract, problem, serverName }: OptionsPanelProps) {
  const { t } = useTranslation('addDialog');
  const id = useId();
  const errorOf = (field: FieldProblem['field']): string | null =>
    problem?.field === field ? t(problem.key, problem.field === 'headers' ? { line: problem.line } : {}) : null;
  const speedError = errorOf('speedLimit');
  const headersError = errorOf('headers');
  return (
    <div className="add-options">
      <label className="add-field">
        <span className="add-label">{t('fields.name')}</span>
        <input type="text" value={fields.name} disabled={!single} placeholder={single ? (serverName ?? t('fields.nameAuto')) : t('fields.onlyOne')} onChange={(e) => onChange({ name: e.target.value })} />
      </label>
      <div className="add-field-row">
        <label className="add-field">
          <span className="add-label">{t('fields.connections')}</span>
          <input
            type="number"
            min={1}
            max={64}
            inputMode="numeric"
            value={fields.connections}
            placeholder={defaultConnections === null ? '' : t('fields.connectionsDefault', { count: defaultConnections })}
            onChange={(e) => onChange({ connections: e.target.value })}
          />
        </label>
        <label className="add-field">
          <span className="add-label">{t('fields.speedLimit')}</span>
          <input
            type="text"
            value={fields.speedLimit}
            placeholder={t('fields.speedPlaceholder')}
            aria-invalid={speedError !== null}
            aria-describedby={speedError ? `${id}-speed` : undefined}
            onChange={(e) => onChange({ speedLimit: e.target.value })}
          />
          {speedError && <span id={`${id}-speed`} className="add-field-error">{speedError}</span>}
        </label>
      </div>
      <label className="add-field">
        <span className="add-label">{t('fields.checksum')}</span>
        <input type="text" value={fields.checksum} disabled={!single} spellCheck={false} placeholder={single ? t('fields.checksumPlaceholder') : t('fields.onlyOne')} onChange={(e) => onChange({ checksum: e.target.value })} />
      </label>
      <label className="add-field">
        <span className="add-label">{t('fields.mirrors')}</span>
        <textarea rows={2} value={fields.mirrors} disabled={!single} spellCheck={false} wrap="off" placeholder={single ? '' : t('fields.onlyOne')} onChange={(e) => onChange({ mirrors: e.target.value })} />
      </label>
      <label className="add-field">
        <span className="add-label">{t('fields.headers')}</span>
        <textarea
          rows={2}
          value={fields.headers}
          spellCheck={false}
          wrap="off"
          placeholder={t('fields.headersPlaceholder')}
          aria-invalid={headersError !== null}
          aria-describedby={headersError ? `${id}-headers` : undefined}
          onChange={(e) => onChange({ headers: e.target.value })}
        />
        {headersError && <span id={`${id}-headers`} className="add-field-error">{headersError}</span>}
      </label>
      <label className="add-field">
        <span className="add-label">{t('fields.cookies')}</span>
        <input type="text" value={fields.cookies} spellCheck={false} placeholder={t('fields.cookiesPlaceholder')} onChange={(e) => onChange({ cookies: e.target.value })} />
      </label>
      <label className="add-check">
        <input type="checkbox" checked={fields.extract ?? defaultExtract} onChange={(e) => onChange({ extract: e.target.checked === defaultExtract ? null : e.target.checked })} />
        {t('fields.extract')}
      </label>
    </div>
  );
}
