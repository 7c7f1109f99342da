// The address box with a gutter of line numbers and marks (✓ ready, ✗ to fix, ×N for a
// pattern). The gutter draws only the lines in view, so a 10,000-line list costs a few dozen nodes.
import { Check, X } from 'lucide-react';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineChecks } from './check-lines';
import { useReasonText } from './use-reason-text';
import './url-box.css';

/** Must match `--add-line-height` in add-dialog.css: the gutter places marks by it. */
export const LINE_HEIGHT = 20;
const PADDING_TOP = 8;
const OVERSCAN = 4;

type Mark = { ok: true; count: number } | { ok: false; text: string };

interface UrlBoxProps {
  text: string;
  checks: LineChecks;
  onChange(text: string): void;
  onSubmit(): void;
}

export const UrlBox = forwardRef<HTMLTextAreaElement, UrlBoxProps>(function UrlBox({ text, checks, onChange, onSubmit }, ref) {
  const { t } = useTranslation('addDialog');
  const reasonText = useReasonText();
  const area = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(ref, () => area.current!, []);
  const [view, setView] = useState({ top: 0, height: 240 });
  // The box can be resized (and the window too): the gutter draws what is in view.
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const marks = useMemo(() => {
    const m = new Map<number, Mark>();
    for (const g of checks.good) m.set(g.line, { ok: true, count: g.count });
    for (const b of checks.bad) m.set(b.line, { ok: false, text: reasonText(b.reason) });
    return m;
  }, [checks, reasonText]);

  const lineCount = Math.max(1, checks.lines, text === '' ? 1 : 0);
  const first = Math.max(0, Math.floor((view.top - PADDING_TOP) / LINE_HEIGHT) - OVERSCAN);
  const last = Math.min(lineCount, Math.ceil((view.top + view.height) / LINE_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const line = i + 1;
    const mark = marks.get(line);
    const label = !mark ? null : mark.ok ? (mark.count > 1 ? t('linePattern', { line, count: mark.count }) : t('lineGood', { line })) : t('lineBad', { line, reason: mark.text });
    rows.push(
      // The one inline style: where this line sits in the virtual gutter.
      <div key={line} className="add-gutter-row" style={{ transform: `translateY(${PADDING_TOP + i * LINE_HEIGHT - view.top}px)` }}>
        <span className="add-gutter-number tabular" aria-hidden="true">{line}</span>
        {mark && label && (
          <span className={mark.ok ? 'add-mark add-mark-ok' : 'add-mark add-mark-bad'} role="img" aria-label={label} title={label}>
            {mark.ok ? <Check size={14} strokeWidth={2.5} aria-hidden="true" /> : <X size={14} strokeWidth={2.5} aria-hidden="true" />}
            {mark.ok && mark.count > 1 && <span className="add-mark-count tabular" aria-hidden="true">×{mark.count.toLocaleString()}</span>}
          </span>
        )}
      </div>,
    );
  }

  const onScroll = useCallback((e: React.UIEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    setView({ top: el.scrollTop, height: el.clientHeight });
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="add-box">
      <div className="add-gutter">{rows}</div>
      <textarea
        ref={area}
        className="add-textarea"
        aria-label={t('boxLabel')}
        aria-describedby="add-box-summary"
        placeholder={t('boxPlaceholder')}
        value={text}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      />
    </div>
  );
});
