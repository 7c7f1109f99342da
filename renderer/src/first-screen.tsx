// The server's side of the UI (`haul serve`): the first screen drawn to markup from the data the
// page carries, by the same components, so its rows show before the scripts have loaded. The
// page's scripts then draw the live UI over it (main.tsx). Built as its own module (vite's SSR
// build, see electron/tools/build-renderer.mjs); nothing here runs in the browser.
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { BootData, FirstScreenRenderer, PageLook } from '../../shared/api/boot-data';
import type { Prefs } from '../../shared/models/prefs';
import type { HaulApi } from '../../shared/api/contract';
import { App } from './app/app';
import { i18next, initI18n, systemLanguage } from './i18n/i18n';
import { createAppStore, StoreContext } from './store';

// A render makes no calls: effects (where calls and subscriptions live) do not run on a server.
const noConnection: HaulApi = {
  invoke: () => Promise.reject(new Error('the first screen is drawn without a connection')),
  on: () => () => undefined,
};

const ready = initI18n('en');

export async function loadFirstScreen(): Promise<FirstScreenRenderer> {
  await ready;
  return { look, renderFirstScreen };
}

function look(prefs: Prefs, languages: readonly string[]): PageLook {
  return { lang: prefs.language === 'system' ? systemLanguage(languages) : prefs.language, theme: prefs.theme, density: prefs.density };
}

function renderFirstScreen(boot: BootData, languages: readonly string[]): string {
  const { lang } = look(boot.prefs, languages);
  // An instance of its own for this render: the words are shared, the language is this page's.
  const i18n = i18next.cloneInstance({ lng: lang, initAsync: false });
  const store = createAppStore(noConnection, boot.prefs, boot);
  return renderToString(
    <StoreContext.Provider value={store}>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StoreContext.Provider>,
  );
}
