// The store's notices as small toasts in the corner: errors stay until dismissed, information
// goes by itself after a few seconds.
import { CircleAlert, Info, X } from 'lucide-react';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useAppStore, type Notice } from '../../store';
import './toasts.css';

const INFO_SECONDS = 5;

function Toast({ notice }: { notice: Notice }) {
  const { t } = useTranslation('notices');
  const store = useAppStore();
  const dismiss = useCallback(() => store.setState((s) => ({ notices: s.notices.filter((x) => x.id !== notice.id) })), [store, notice.id]);
  useEffect(() => {
    if (notice.kind !== 'info') return;
    const timer = setTimeout(dismiss, INFO_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [notice.kind, dismiss]);
  const Icon = notice.kind === 'error' ? CircleAlert : Info;
  return (
    <div className="toast" data-kind={notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <Icon size={16} className="toast-icon" aria-label={notice.kind === 'error' ? t('errorLabel') : undefined} aria-hidden={notice.kind === 'error' ? undefined : true} />
      <p className="toast-text">{notice.text}</p>
      <button type="button" className="toast-dismiss" aria-label={t('dismiss')} onClick={dismiss}>
        <X size={14} aria-hidden="true" />
      </button>
    </div>
  );
}

export function Toasts() {
  const { t } = useTranslation('notices');
  const notices = useApp((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <section className="toasts" aria-label={t('region')}>
      {notices.map((n) => (
        <Toast key={n.id} notice={n} />
      ))}
    </section>
  );
}
