// Dropping links, text or a .txt list anywhere in the window opens the add dialog filled in; a
// drag over the window shows a full-window overlay. Pasting links with Ctrl/Cmd+V outside a text
// field does the same.
import { Download } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { useAddStrings } from './use-add-strings';
import { appendText, carriesLinks, looksLikeLinks, textFromDrop } from './read-drop';
import './drop-target.css';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function DropTarget() {
  useAddStrings();
  const { t } = useTranslation('addDialog');
  const store = useAppStore();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const open = (text: string): void => {
      if (!text.trim()) return;
      const { addDialog } = store.getState();
      store.setState({ addDialog: { open: true, text: addDialog.open ? appendText(addDialog.text, text) : text } });
    };
    const onEnter = (e: DragEvent): void => {
      if (!e.dataTransfer || !carriesLinks(e.dataTransfer.types)) return;
      depth++;
      setDragging(true);
    };
    const onOver = (e: DragEvent): void => {
      if (!e.dataTransfer || !carriesLinks(e.dataTransfer.types)) return;
      e.preventDefault(); // allows the drop
      e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent): void => {
      depth = Math.max(0, depth - 1);
      // Leaving the window has no related target; counting alone can miss a leave.
      if (depth === 0 || e.relatedTarget === null) {
        depth = 0;
        setDragging(false);
      }
    };
    const onDrop = (e: DragEvent): void => {
      depth = 0;
      setDragging(false);
      if (!e.dataTransfer || !carriesLinks(e.dataTransfer.types)) return;
      e.preventDefault();
      void textFromDrop(e.dataTransfer).then(open);
    };
    const onPaste = (e: ClipboardEvent): void => {
      if (isEditable(e.target) || store.getState().addDialog.open) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!looksLikeLinks(text)) return;
      e.preventDefault();
      open(text);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    // Capture: a drop on the dialog's box is read the same way (appended) as anywhere else.
    window.addEventListener('drop', onDrop, true);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop, true);
      document.removeEventListener('paste', onPaste);
    };
  }, [store]);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" role="status">
      <div className="drop-overlay-card">
        <Download size={36} strokeWidth={1.75} aria-hidden="true" />
        <p className="drop-overlay-title">{t('drop.overlay')}</p>
        <p className="drop-overlay-hint">{t('drop.hint')}</p>
      </div>
    </div>
  );
}
