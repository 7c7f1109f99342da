// The first screen drawn on the server, from the module the UI's build makes beside the page
// (out/renderer-ssr/first-screen.mjs, see renderer/src/first-screen.tsx). It is a built file,
// loaded as the page is read, never imported from the renderer's sources. When it is missing
// (an older build) or fails, the page goes without it and draws once its scripts have loaded.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BootData, FirstScreenModule, FirstScreenRenderer, PageLook } from '../../shared/api/boot-data';
import type { Prefs } from '../../shared/models/prefs';

/** The built module's renderer, each call guarded: a failure gives null and the scripts draw the page. */
export interface FirstScreenDrawer {
  look(prefs: Prefs, languages: readonly string[]): PageLook | null;
  draw(boot: BootData, languages: readonly string[]): string | null;
}

const NONE: FirstScreenDrawer = { look: () => null, draw: () => null };

/** Loads the module once, on the first call; draws with it from then on. */
export function firstScreenDrawer(uiDir: string): () => Promise<FirstScreenDrawer> {
  let loading: Promise<FirstScreenDrawer> | null = null;
  return () => (loading ??= load(join(uiDir, '..', 'renderer-ssr', 'first-screen.mjs')));
}

async function load(file: string): Promise<FirstScreenDrawer> {
  if (!existsSync(file)) return NONE;
  let renderer: FirstScreenRenderer;
  try {
    const module = (await import(pathToFileURL(file).href)) as Partial<FirstScreenModule>;
    if (typeof module.loadFirstScreen !== 'function') return NONE;
    renderer = await module.loadFirstScreen();
  } catch {
    return NONE;
  }
  const guarded =
    <A extends unknown[], R>(f: (...args: A) => R) =>
    (...args: A): R | null => {
      try {
        return f(...args);
      } catch {
        return null;
      }
    };
  return { look: guarded((p: Prefs, l: readonly string[]) => renderer.look(p, l)), draw: guarded((b: BootData, l: readonly string[]) => renderer.renderFirstScreen(b, l)) };
}

/** An Accept-Language header's tags, most wanted first (q=0 left out). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 1024)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(l.tag) && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag);
}
