// The app itself, loaded by main.tsx: the store fed from the connection (and from the data the
// server's page carried), the words, and React's root over the page.
import { StrictMode, useLayoutEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { PRERENDERED_ATTRIBUTE } from '../../shared/api/boot-data';
import type { HaulApi } from '../../shared/api/contract';
import { readBootData } from './api/boot-data';
import { App } from './app/app';
import { initI18n } from './i18n/i18n';
import { cachedPrefs, connectStore, createAppStore, StoreContext } from './store';

export async function start(api: HaulApi | null): Promise<void> {
  // The server's page may carry the first screen's data: then the first render has the rows.
  const boot = readBootData();
  const store = api && createAppStore(api, cachedPrefs() ?? undefined, boot);
  if (store) connectStore(store);
  const language = store?.getState().prefs.language;
  await initI18n(language && language !== 'system' ? language : undefined);
  const container = document.getElementById('root')!;
  // The server's first screen, if it drew one, stays until the live UI's first commit replaces it.
  const root = createRoot(container);
  if (!store) {
    root.render(<p>Haul's engine is not connected.</p>);
    return;
  }
  root.render(
    <StrictMode>
      <Live container={container}>
        <StoreContext.Provider value={store}>
          <App />
        </StoreContext.Provider>
      </Live>
    </StrictMode>,
  );
}

/** Marks the root live once React's first commit has replaced the server's markup. */
function Live({ container, children }: { container: HTMLElement; children: ReactNode }) {
  useLayoutEffect(() => container.removeAttribute(PRERENDERED_ATTRIBUTE), [container]);
  return children;
}
