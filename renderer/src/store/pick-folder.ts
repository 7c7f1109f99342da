// The native folder picker, where the transport has one (capabilities.pickFolder).
import type { AppStore } from './app-store';

/** The folder chosen, or null when cancelled or refused (a refusal becomes a notice). */
export async function pickFolder(store: AppStore, title: string, defaultPath?: string): Promise<string | null> {
  const start = defaultPath && /^(\/|[a-zA-Z]:[\\/]|\\\\)/.test(defaultPath) ? defaultPath : undefined;
  const out = await store.run('app.pickFolder', { title, ...(start && { defaultPath: start }) });
  return out?.path ?? null;
}
