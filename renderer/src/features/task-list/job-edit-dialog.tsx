// Small one-field dialogs on downloads, like the change-address one: another folder (several
// downloads at once, Browse… where the transport has a folder picker), another file name, or the
// checksum to verify a finished file against.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pickFolder, useApp, useAppStore } from '../../store';
import { BrowseButton } from '../../ui/browse-button';
import { Button } from '../../ui/button';
import { DialogShell } from '../../ui/dialog-shell';
import { displayName } from './display-name';
import '../../ui/field.css';

export type JobEdit = { kind: 'folder'; ids: string[] } | { kind: 'name'; id: string } | { kind: 'checksum'; id: string };

const FULL_PATH = /^(\/|[a-zA-Z]:[\\/]|\\\\)/;
const CHECKSUM = /^((md5|sha1|sha256|sha512)[=:])?[0-9a-f]{32,128}$/i;

/** Why the typed value cannot be sent, as a key of this dialog's words; null when it can. */
function problemOf(kind: JobEdit['kind'], value: string): string | null {
  const v = value.trim();
  if (v === '') return 'required';
  if (kind === 'folder' && !FULL_PATH.test(v)) return 'fullPath';
  if (kind === 'name' && /[/\\]/.test(v)) return 'slash';
  if (kind === 'checksum' && !CHECKSUM.test(v)) return 'checksum';
  return null;
}

export function JobEditDialog({ edit, onClose }: { edit: JobEdit | null; onClose(): void }) {
  const first = edit ? (edit.kind === 'folder' ? edit.ids[0] : edit.id) : undefined;
  const row = useApp((s) => (first ? s.list.rows.get(first) ?? null : null));
  if (!edit || !row) return null;
  const start = edit.kind === 'folder' ? row.dir : edit.kind === 'name' ? displayName(row) : '';
  return <EditForm key={`${edit.kind}:${first}`} edit={edit} name={displayName(row)} start={start} onClose={onClose} />;
}

function EditForm({ edit, name, start, onClose }: { edit: JobEdit; name: string; start: string; onClose(): void }) {
  const { t } = useTranslation('taskList');
  const { t: common } = useTranslation();
  const store = useAppStore();
  const canPick = useApp((s) => s.info?.capabilities.pickFolder ?? false);
  const [value, setValue] = useState(start);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const problem = problemOf(edit.kind, value);
  const count = edit.kind === 'folder' ? edit.ids.length : 1;
  const words = `edit.${edit.kind}`;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setTouched(true);
    if (problem || busy) return;
    setBusy(true);
    const v = value.trim();
    const done =
      edit.kind === 'folder'
        ? await store.run('jobs.move', { ids: edit.ids, dir: v })
        : edit.kind === 'name'
          ? await store.run('jobs.move', { ids: [edit.id], name: v })
          : await store.run('jobs.verify', { ids: [edit.id], checksum: v });
    setBusy(false);
    if (done) onClose();
  };

  const browse = async (): Promise<null> => {
    const picked = await pickFolder(store, t('edit.folder.title', { count }), value.trim());
    if (picked) setValue(picked);
    return null;
  };

  const showProblem = problem !== null && (touched || value !== start);
  return (
    <DialogShell
      open
      onOpenChange={(open) => !open && onClose()}
      title={t(`${words}.title`, { count })}
      description={count > 1 ? t(`${words}.descriptionMany`, { count }) : t(`${words}.description`, { name })}
      closeLabel={common('close')}
      width="wide"
    >
      <form className="address-form" onSubmit={(e) => void submit(e)}>
        <label className="field-label" htmlFor="job-edit-value">
          {t(`${words}.label`)}
        </label>
        <div className="job-edit-field">
          <input
            id="job-edit-value"
            className="field-input"
            value={value}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={showProblem}
            aria-describedby={showProblem ? 'job-edit-error' : undefined}
            onChange={(e) => setValue(e.target.value)}
            onFocus={(e) => (edit.kind === 'name' ? e.target.setSelectionRange(0, stem(e.target.value)) : e.target.select())}
          />
          {edit.kind === 'folder' && canPick && <BrowseButton onPick={browse} />}
        </div>
        {showProblem && (
          <p id="job-edit-error" className="field-error">
            {t(`edit.problem.${problem}`)}
          </p>
        )}
        <div className="dialog-footer">
          <Button onClick={onClose}>{common('cancel')}</Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {t(`${words}.save`, { count })}
          </Button>
        </div>
      </form>
    </DialogShell>
  );
}

/** The name before its extension (`.tar.gz` counts as one), selected first as a file manager does. */
function stem(fileName: string): number {
  const m = /(\.tar)?\.[^.]+$/i.exec(fileName);
  return m && m.index > 0 ? m.index : fileName.length;
}
