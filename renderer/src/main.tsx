// First: the connection opens while the rest loads.
import { earlyApi } from './api/early-api';
import { readBootData } from './api/boot-data';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { initI18n } from './i18n/i18n';
import { cachedPrefs, connectStore, createAppStore, seedStore, StoreContext } from './store';
import './styles/tokens.css';
import './styles/base.css';

async function start(): Promise<void> {
  const api = earlyApi;
  // The server's page may carry the first screen's data: then the first render has the rows.
  const boot = readBootData();
  const store = api && createAppStore(api, boot?.prefs ?? cachedPrefs() ?? undefined);
  if (store && boot) seedStore(store, boot);
  if (store) connectStore(store);
  const language = store?.getState().prefs.language;
  await initI18n(language && language !== 'system' ? language : undefined);
  const root = createRoot(document.getElementById('root')!);
  if (!store) {
    root.render(<p>Haul's engine is not connected.</p>);
    return;
  }
  root.render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </StrictMode>,
  );
}

void start();
