// The add dialog: the address box first and focused, its lines checked as they are typed, a
// preview of the first files, the folder, and the rest folded under "More options".
import * as Dialog from '@radix-ui/react-dialog';
import { ChevronRight, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pickFolder, useApp, useAppStore } from '../../store';
import { BrowseButton } from '../../ui/browse-button';
import { useAddStrings } from './use-add-strings';
import { afterAdd, buildItems, MAX_ITEMS, withRefusals } from './build-items';
import { splitLines } from './check-lines';
import { LINE_HEIGHT, UrlBox } from './url-box';
import { LineSummary } from './line-summary';
import type { Reason } from './line-reasons';
import { OptionsPanel } from './options-panel';
import { ProbePreview } from './probe-preview';
import { EMPTY_FIELDS, readOptions, type FieldProblem, type OptionFields } from './read-options';
import { useLineChecks } from './use-line-checks';
import { PREVIEW_COUNT, PREVIEW_ON_REQUEST, previewTargets, useProbes, type ProbeState } from './use-probes';
import './add-dialog.css';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function nameOf(probe: ProbeState | undefined): string | null {
  return probe?.state === 'done' ? probe.result.name : null;
}

export function AddDialog() {
  useAddStrings();
  const open = useApp((s) => s.addDialog.open);
  const store = useAppStore();
  const close = (): void => store.setState({ addDialog: { open: false, text: '' } });
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && close()}>
      <Dialog.Portal>
        <Dialog.Overlay className="add-overlay" />
        {open && <AddDialogContent onClose={close} />}
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function AddDialogContent({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('addDialog');
  const store = useAppStore();
  const text = useApp((s) => s.addDialog.text);
  const settings = useApp((s) => s.settings);
  const info = useApp((s) => s.info);
  const box = useRef<HTMLTextAreaElement>(null);
  const [fields, setFields] = useState<OptionFields>(EMPTY_FIELDS);
  const [showOptions, setShowOptions] = useState(false);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [refused, setRefused] = useState<ReadonlyMap<string, Reason>>(new Map());
  const [addedNote, setAddedNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // A field that stops the start takes the focus, so the person lands where the fix goes.
  useEffect(() => {
    if (problem) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problem]);

  const { checks: raw, pending } = useLineChecks(text);
  const checks = useMemo(() => withRefusals(raw, refused.size ? splitLines(text) : [], refused), [raw, refused, text]);
  const single = checks.total === 1;
  const web = info?.mode === 'web';
  const canPick = info?.capabilities.pickFolder ?? false;
  const browse = async (): Promise<null> => {
    const picked = await pickFolder(store, t('fields.folder'), fields.dir.trim() || settings?.downloadDir);
    if (picked) patchFields({ dir: picked });
    return null;
  };

  const dialogHeaders = useMemo(() => {
    const r = readOptions({ ...EMPTY_FIELDS, headers: fields.headers, cookies: fields.cookies }, { needFullPath: false });
    return r.ok ? r.options.headers : undefined;
  }, [fields.headers, fields.cookies]);
  // The first few addresses are checked by themselves; more only when asked for.
  const [previewLimit, setPreviewLimit] = useState(PREVIEW_COUNT);
  const targets = useMemo(() => previewTargets(checks, dialogHeaders, previewLimit), [checks, dialogHeaders, previewLimit]);
  const probes = useProbes(targets, !pending);

  const setText = (next: string): void => store.setState((s) => ({ addDialog: { ...s.addDialog, text: next } }));
  const patchFields = (patch: Partial<OptionFields>): void => {
    setFields((f) => ({ ...f, ...patch }));
    setProblem(null);
  };

  const goToLine = (line: number): void => {
    const el = box.current;
    if (!el) return;
    const lines = splitLines(el.value);
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    el.scrollTop = Math.max(0, (line - 3) * LINE_HEIGHT);
  };

  const submit = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (busy || pending || checks.total === 0 || checks.total > MAX_ITEMS) return;
    const read = readOptions(fields, { needFullPath: web });
    if (!read.ok) {
      setProblem(read.problem);
      if (read.problem.field !== 'dir') setShowOptions(true);
      return;
    }
    const batch = buildItems(checks, read.options);
    setBusy(true);
    const out = await store.run('jobs.add', { items: batch.items });
    setBusy(false);
    if (!out) return; // the store shows why
    const after = afterAdd(text, checks, batch, out);
    if (after.text.trim() === '') return onClose();
    setRefused(after.refused);
    setText(after.text);
    setAddedNote(after.added > 0 ? t('added', { count: after.added }) : null);
    box.current?.focus();
  };

  const startLabel = checks.total === 0 ? t('startNone') : fields.paused ? t('addPaused', { count: checks.total }) : t('start', { count: checks.total });
  const dirError = problem?.field === 'dir' ? t(problem.key) : null;

  return (
    <Dialog.Content
      className="add-dialog"
      onOpenAutoFocus={(e) => {
        e.preventDefault();
        const el = box.current;
        el?.focus({ preventScroll: true });
        // The caret after a short text, to type on; a long list opens at its top, where a
        // jump to the end would lay out every line first.
        if (el && el.value.length <= 16_000) el.setSelectionRange(el.value.length, el.value.length);
      }}
    >
      <form ref={form} className="add-form" onSubmit={(e) => void submit(e)}>
        <header className="add-header">
          <Dialog.Title className="add-title">{t('title')}</Dialog.Title>
          <Dialog.Close className="add-close" aria-label={t('cancel')}>
            <X size={16} aria-hidden="true" />
          </Dialog.Close>
        </header>
        <div className="add-body">
          <Dialog.Description className="add-description">{t('description')}</Dialog.Description>
          <UrlBox ref={box} text={text} checks={checks} onChange={setText} onSubmit={() => void submit()} />
          <LineSummary checks={checks} pending={pending} onGoToLine={goToLine} />
          {addedNote && <p className="add-note" role="status">{addedNote}</p>}
          <ProbePreview targets={targets} states={probes} total={checks.total} onCheckMore={previewLimit < PREVIEW_ON_REQUEST ? () => setPreviewLimit(PREVIEW_ON_REQUEST) : null} />
          <div className="add-folder-row">
            <label className="add-field add-folder">
              <span className="add-label">{t('fields.folder')}</span>
              <input
                type="text"
                value={fields.dir}
                spellCheck={false}
                placeholder={settings?.downloadDir || t('fields.folderDefault')}
                aria-invalid={dirError !== null}
                aria-describedby="add-folder-note"
                onChange={(e) => patchFields({ dir: e.target.value })}
              />
              <span id="add-folder-note" className={dirError ? 'add-field-error' : 'add-field-hint'}>
                {dirError ?? (web ? t('fields.folderWebHint') : '')}
              </span>
            </label>
            {canPick && <BrowseButton onPick={browse} />}
          </div>
          <div className="add-row">
            <button type="button" className="add-disclosure" aria-expanded={showOptions} onClick={() => setShowOptions((v) => !v)}>
              <ChevronRight className="add-disclosure-icon" size={16} aria-hidden="true" />
              {t('moreOptions')}
            </button>
            <label className="add-check">
              <input type="checkbox" checked={fields.paused} onChange={(e) => patchFields({ paused: e.target.checked })} />
              {t('fields.paused')}
            </label>
          </div>
          {showOptions && (
            <OptionsPanel
              fields={fields}
              onChange={patchFields}
              single={single}
              defaultConnections={settings?.connectionsPerJob ?? null}
              defaultExtract={settings?.extractArchives ?? false}
              problem={problem}
              serverName={single && targets[0] ? nameOf(probes.get(targets[0].url)) : null}
            />
          )}
        </div>
        <footer className="add-footer">
          <span className="add-shortcut">{IS_MAC ? t('shortcutMac') : t('shortcut')}</span>
          <Dialog.Close type="button" className="add-button">
            {t('cancel')}
          </Dialog.Close>
          <button type="submit" className="add-button add-button-primary" disabled={busy || pending || checks.total === 0 || checks.total > MAX_ITEMS}>
            {startLabel}
          </button>
        </footer>
      </form>
    </Dialog.Content>
  );
}
