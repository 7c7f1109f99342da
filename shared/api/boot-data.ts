// What `haul serve` writes into the page it sends: the answers the UI's first screen needs (app
// info, prefs, settings and the list's first page), so the first rows draw with the page's first
// render instead of after the WebSocket opens and a round trip. The WebSocket then lists the
// rest and streams the changes since, as after any reconnect.
import type { CommandOutputs } from './contract';

/** The id of the `<script type="application/json">` element that carries it. */
export const BOOT_ELEMENT_ID = 'haul-boot';

/** Rows in the first page: more than a tall window shows. */
export const FIRST_PAGE_ROWS = 100;

export interface BootData {
  info: CommandOutputs['app.info'];
  prefs: CommandOutputs['prefs.get'];
  settings: CommandOutputs['settings.get'];
  firstPage: CommandOutputs['jobs.list'];
}
