import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/connect';
import { App } from './app/app';
import { initI18n } from './i18n/i18n';
import { connectStore, createAppStore, StoreContext } from './store';
import './styles/tokens.css';
import './styles/base.css';

async function start(): Promise<void> {
  await initI18n();
  const root = createRoot(document.getElementById('root')!);
  const api = connectApi();
  if (!api) {
    root.render(<p>Haul's engine is not connected.</p>);
    return;
  }
  const store = createAppStore(api);
  connectStore(store);
  root.render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    </StrictMode>,
  );
}

void start();
