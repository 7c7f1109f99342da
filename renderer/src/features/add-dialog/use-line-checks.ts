// The box's checks, kept current as the person types: a short list is checked at once, a long
// one a moment after typing stops and a slice at a time, an older check giving way to a newer.
import { useEffect, useMemo, useState } from 'react';
import { checkText, NO_CHECKS, type LineChecks } from './check-lines';
import { checkInChunks } from './chunked-check';

/** Up to this many characters, checking is quicker than a frame: no debounce, no slices. */
const AT_ONCE_CHARS = 16_000;
const DEBOUNCE_MS = 200;

export function useLineChecks(text: string): { checks: LineChecks; pending: boolean } {
  const small = text.length <= AT_ONCE_CHARS;
  const immediate = useMemo(() => (small ? checkText(text) : null), [small, text]);
  const [late, setLate] = useState<{ text: string; checks: LineChecks } | null>(null);

  useEffect(() => {
    if (small) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void checkInChunks(text, { signal: controller.signal }).then((checks) => {
        if (checks) setLate({ text, checks });
      });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [small, text]);

  if (immediate) return { checks: immediate, pending: false };
  // While a long list is being checked, the last result stays (marks do not flash away).
  return { checks: late?.checks ?? NO_CHECKS, pending: late?.text !== text };
}
