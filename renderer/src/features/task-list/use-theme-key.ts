// The theme the document shows now ('light' or 'dark'): a canvas reads its colours from CSS
// variables, so it must redraw when the theme flips. One observer for every row.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let observer: MutationObserver | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!observer) {
    observer = new MutationObserver(() => listeners.forEach((l) => l()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'data-density'] });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      observer?.disconnect();
      observer = null;
    }
  };
}

const read = (): string => `${document.documentElement.dataset.theme ?? ''}/${document.documentElement.dataset.density ?? ''}`;

export function useThemeKey(): string {
  return useSyncExternalStore(subscribe, read);
}
