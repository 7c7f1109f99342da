// Asks once before downloads leave the list, naming how many and how many files; deleting the
// files is a box left unticked unless the user ticks it.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../store';
import { Button } from '../../ui/button';
import { DialogShell } from '../../ui/dialog-shell';
import '../../ui/field.css';
import { filesOnDisk } from './file-count';
import './remove-dialog.css';

export function RemoveDialog() {
  const removing = useApp((s) => s.removing);
  // A fresh form (the box unticked) each time the dialog opens.
  return removing && removing.length > 0 ? <RemoveForm key={removing.join(',')} ids={removing} /> : null;
}

function RemoveForm({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation('removeDialog');
  const { t: common } = useTranslation();
  const store = useAppStore();
  const rowsById = useApp((s) => s.list.rows);
  const [deleteFiles, setDeleteFiles] = useState(false);
  const [busy, setBusy] = useState(false);
  // Counted when the dialog opens: a tick must not change the question being answered.
  const { count, files, name } = useMemo(() => {
    const rows = ids.map((id) => rowsById.get(id)).filter((r) => r !== undefined);
    return { count: rows.length, files: filesOnDisk(rows), name: rows[0]?.name ?? rows[0]?.url ?? '' };
  }, [ids]);

  const close = (): void => store.setState({ removing: null });
  const confirm = async (): Promise<void> => {
    setBusy(true);
    close();
    await store.run('jobs.remove', { ids: [...ids], deleteFiles: deleteFiles && files > 0 });
  };

  return (
    <DialogShell
      open
      onOpenChange={(open) => !open && close()}
      title={t('title', { count })}
      description={count === 1 ? t('one', { name }) : t('many')}
      closeLabel={common('close')}
      onOpenAutoFocus={(e) => {
        e.preventDefault();
        document.getElementById('remove-confirm')?.focus();
      }}
      footer={
        <>
          <Button onClick={close}>{common('cancel')}</Button>
          <Button id="remove-confirm" variant="danger" disabled={busy || count === 0} onClick={() => void confirm()}>
            {deleteFiles && files > 0 ? t('removeAndDelete') : t('remove')}
          </Button>
        </>
      }
    >
      {files > 0 ? (
        <div className="remove-files">
          <label className="field-check">
            <input type="checkbox" checked={deleteFiles} onChange={(e) => setDeleteFiles(e.target.checked)} />
            {t('deleteFiles', { count: files })}
          </label>
          {!deleteFiles && <p className="remove-note">{t('keepNote')}</p>}
        </div>
      ) : (
        <p className="remove-note">{t('noFiles')}</p>
      )}
    </DialogShell>
  );
}
