// The UI's page as `haul serve` sends it: the built index.html with the first screen's data in a
// JSON script element (shared/api/boot-data.ts). The answers come through the same handlers and
// validation as the WebSocket's, for a session of their own, so they hold nothing a client could
// not ask for (secrets are redacted in list rows as everywhere).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BOOT_ELEMENT_ID, FIRST_PAGE_ROWS, type BootData } from '../../shared/api/boot-data';
import type { Channel, CommandInput, CommandOutputs, Handlers } from '../../shared/api/contract';
import type { ClientHub } from '../engine/client/client-hub';
import { invoke } from '../engine/handlers';

export async function bootPage(uiDir: string, hub: ClientHub, handlers: Handlers): Promise<string> {
  const html = await readFile(join(uiDir, 'index.html'), 'utf8');
  const data = await bootData(hub, handlers);
  if (!data || !html.includes('</body>')) return html; // the page loads its data over the WebSocket, as before
  return html.replace('</body>', `<script type="application/json" id="${BOOT_ELEMENT_ID}">${scriptSafeJson(data)}</script></body>`);
}

async function bootData(hub: ClientHub, handlers: Handlers): Promise<BootData | null> {
  const session = hub.session(() => undefined, true);
  try {
    const call = async <C extends Channel>(channel: C, input: CommandInput<C>): Promise<CommandOutputs[C] | null> => {
      const r = await invoke(handlers, channel, input, session);
      return r.ok ? (r.value as CommandOutputs[C]) : null;
    };
    const [info, prefs, settings] = await Promise.all([call('app.info', {}), call('prefs.get', {}), call('settings.get', {})]);
    if (!info || !prefs || !settings) return null;
    const firstPage = await call('jobs.list', { filter: 'all', search: '', sort: prefs.sort, limit: FIRST_PAGE_ROWS });
    return firstPage && { info, prefs, settings, firstPage };
  } finally {
    session.close();
  }
}

/** JSON that cannot end its script element or open a comment: every `<` escaped. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
