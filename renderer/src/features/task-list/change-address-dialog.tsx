// A new address for one download (an expired link): the engine checks the kept bytes against it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../store';
import { Button } from '../../ui/button';
import { DialogShell } from '../../ui/dialog-shell';
import { displayName } from './display-name';
import '../../ui/field.css';

export function ChangeAddressDialog({ id, onClose }: { id: string | null; onClose(): void }) {
  const row = useApp((s) => (id ? s.list.rows.get(id) ?? null : null));
  return row ? <AddressForm key={row.id} id={row.id} name={displayName(row)} url={row.url} onClose={onClose} /> : null;
}

function AddressForm({ id, name, url, onClose }: { id: string; name: string; url: string; onClose(): void }) {
  const { t } = useTranslation('taskList');
  const { t: common } = useTranslation();
  const store = useAppStore();
  const [value, setValue] = useState(url);
  const [busy, setBusy] = useState(false);
  const valid = /^https?:\/\/\S+$/i.test(value.trim());

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!valid || busy) return;
    setBusy(true);
    const done = await store.run('jobs.setUrl', { id, url: value.trim() });
    setBusy(false);
    if (done) onClose();
  };

  return (
    <DialogShell
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('changeAddress.title')}
      description={t('changeAddress.description', { name })}
      closeLabel={common('close')}
      width="wide"
    >
      <form className="address-form" onSubmit={(e) => void submit(e)}>
        <label className="field-label" htmlFor="change-address-url">
          {t('changeAddress.label')}
        </label>
        <input
          id="change-address-url"
          className="field-input"
          type="url"
          value={value}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={!valid}
          aria-describedby={valid ? undefined : 'change-address-error'}
          onChange={(e) => setValue(e.target.value)}
          onFocus={(e) => e.target.select()}
        />
        {!valid && (
          <p id="change-address-error" className="field-error">
            {t('changeAddress.invalid')}
          </p>
        )}
        <div className="dialog-footer">
          <Button onClick={onClose}>{common('cancel')}</Button>
          <Button type="submit" variant="primary" disabled={!valid || busy}>
            {t('changeAddress.save')}
          </Button>
        </div>
      </form>
    </DialogShell>
  );
}
