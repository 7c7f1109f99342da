// The UI's page as `haul serve` sends it, in two parts. The head goes at once (with the language,
// theme and density of the user's prefs on <html>), so the browser fetches the stylesheet while
// the server lists the jobs. The body then brings the first screen drawn by the server (when the
// UI's build has its server module, see first-screen.ts) and its data in a JSON script element
// (shared/api/boot-data.ts); the app's code runs once those rows are painted (main.tsx). The
// answers come through the same handlers and validation as the WebSocket's, for a session of
// their own, so they hold nothing a client could not ask for (secrets are redacted).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BOOT_ELEMENT_ID, FIRST_PAGE_ROWS, PRERENDERED_ATTRIBUTE, type BootData, type PageLook } from '../../shared/api/boot-data';
import type { Channel, CommandInput, CommandOutputs, Handlers } from '../../shared/api/contract';
import type { ClientHub } from '../engine/client/client-hub';
import { invoke } from '../engine/handlers';
import type { FirstScreenDrawer } from './first-screen';

export interface BootPageOptions {
  uiDir: string;
  hub: ClientHub;
  handlers: Handlers;
  drawer: FirstScreenDrawer;
  /** The browser's languages, most wanted first. */
  languages: readonly string[];
}

export interface BootPage {
  /** Up to the root element: to send at once. */
  head: string;
  /** The rest, once the jobs are listed and drawn: called once the head is on its way. */
  rest(): Promise<string>;
}

const ROOT = '<div id="root"></div>';

export async function bootPage(o: BootPageOptions): Promise<BootPage> {
  const html = await readFile(join(o.uiDir, 'index.html'), 'utf8');
  const at = html.indexOf(ROOT);
  if (at < 0) return { head: html, rest: async () => '' }; // not the page this knows how to fill
  const before = html.slice(0, at);
  const after = html.slice(at + ROOT.length);

  const session = o.hub.session(() => undefined, true);
  const call = async <C extends Channel>(channel: C, input: CommandInput<C>): Promise<CommandOutputs[C] | null> => {
    const r = await invoke(o.handlers, channel, input, session);
    return r.ok ? (r.value as CommandOutputs[C]) : null;
  };
  let prefs: CommandOutputs['prefs.get'] | null = null;
  try {
    prefs = await call('prefs.get', {});
  } catch (err) {
    session.close();
    throw err;
  }
  const look = prefs && o.drawer.look(prefs, o.languages);
  const rest = async (): Promise<string> => {
    let data: BootData | null = null;
    try {
      data = prefs && (await bootData(call, prefs));
    } catch {
      // The head is sent: the page still gets its scripts, which ask over the WebSocket.
    } finally {
      session.close();
    }
    const screen = data && o.drawer.draw(data, o.languages);
    const root = typeof screen === 'string' ? `<div id="root" ${PRERENDERED_ATTRIBUTE}>${screen}</div>` : ROOT;
    const json = data ? `<script type="application/json" id="${BOOT_ELEMENT_ID}">${scriptSafeJson(data)}</script>` : '';
    return `${root}${json}${after}`;
  };
  return { head: look ? withLook(before, look) : before, rest };
}

type Call = <C extends Channel>(channel: C, input: CommandInput<C>) => Promise<CommandOutputs[C] | null>;

async function bootData(call: Call, prefs: CommandOutputs['prefs.get']): Promise<BootData | null> {
  const [info, settings, firstPage] = await Promise.all([
    call('app.info', {}),
    call('settings.get', {}),
    call('jobs.list', { filter: 'all', search: '', sort: prefs.sort, limit: FIRST_PAGE_ROWS }),
  ]);
  return info && settings && firstPage && { info, prefs, settings, firstPage };
}

/** The `<html>` element with the language, theme and density the UI would set. */
function withLook(head: string, look: PageLook): string {
  const attrs = `lang="${attribute(look.lang)}" data-theme="${attribute(look.theme)}" data-density="${attribute(look.density)}"`;
  return head.replace(/<html[^>]*>/, `<html ${attrs}>`);
}

const attribute = (s: string): string => s.replace(/[^A-Za-z0-9-]/g, '');

/** JSON that cannot end its script element or open a comment: every `<` escaped. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
