// Instead of a blank table: with no downloads at all, an invitation to drop links or add some;
// with a filter or search that matches nothing, a way back.
import { ArrowDownToLine, Plus, SearchX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore } from '../../store';
import { Button } from '../../ui/button';
import { addShortcutLabel } from '../../ui/keys';

export function EmptyState({ anyJobs }: { anyJobs: boolean }) {
  const { t } = useTranslation('taskList');
  const store = useAppStore();
  const mode = useApp((s) => s.info?.mode);
  const search = useApp((s) => s.search);
  if (anyJobs) {
    return (
      <div className="empty-state is-quiet" role="status">
        <SearchX className="empty-icon" size={28} strokeWidth={1.5} aria-hidden />
        <p className="empty-title">{search ? t('empty.noMatch') : t('empty.noMatchFilter')}</p>
        {search && (
          <Button variant="quiet" onClick={() => store.setState({ search: '' })}>
            {t('empty.clearSearch')}
          </Button>
        )}
      </div>
    );
  }
  return (
    <div className="empty-state">
      <div className="drop-invite">
        <div className="drop-invite-icon" aria-hidden>
          <ArrowDownToLine size={28} strokeWidth={1.75} />
        </div>
        <p className="empty-title">{t('empty.title')}</p>
        <p className="empty-body">{t('empty.body', { key: addShortcutLabel(mode) })}</p>
        <Button variant="primary" icon={<Plus size={16} aria-hidden />} onClick={() => store.setState({ addDialog: { open: true, text: '' } })}>
          {t('empty.add')}
        </Button>
      </div>
    </div>
  );
}
