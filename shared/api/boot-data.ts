// What `haul serve` writes into the page it sends: the answers the UI's first screen needs (app
// info, prefs, settings and the list's first page), so the first rows draw with the page's first
// render instead of after the WebSocket opens and a round trip. The WebSocket then lists the
// rest and streams the changes since, as after any reconnect.
import type { CommandOutputs } from './contract';
import type { Prefs } from '../models/prefs';

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

/**
 * The first screen drawn on the server: the page's markup as the UI's first render makes it from
 * the same data, so rows show before the scripts load. The UI's build makes the module
 * (`out/renderer-ssr/first-screen.mjs`); the server loads it as a built file, like the page itself.
 */
export interface FirstScreenRenderer {
  /** The page's language, theme and density, known from the prefs before any row is listed. */
  look(prefs: Prefs, languages: readonly string[]): PageLook;
  /** The markup inside the page's root element. `languages`: the browser's, most wanted first. */
  renderFirstScreen(boot: BootData, languages: readonly string[]): string;
}

/** What the `<html>` element says: its `lang`, and the theme and density the UI's CSS reads. */
export interface PageLook {
  lang: string;
  /** "system" is resolved by the page's inline script before its first paint. */
  theme: Prefs['theme'];
  density: Prefs['density'];
}

/** What the built module exports: its words are loaded before it draws. */
export interface FirstScreenModule {
  loadFirstScreen(): Promise<FirstScreenRenderer>;
}

/** Set on the root element while it holds the server's markup; the live UI removes it when it takes over. */
export const PRERENDERED_ATTRIBUTE = 'data-prerendered';
