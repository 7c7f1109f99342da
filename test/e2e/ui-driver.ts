// How the end-to-end tests drive the UI: open it with the token, find rows by the name a screen
// reader hears, drop links and files as a browser does, and restart the server under the page.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, screenshot } from '../helpers/chromium';
import { startWebServer } from '../../electron/server/web-server';
import { makeContent } from '../helpers/test-content';
import { BUILT_UI, type WebFixture } from '../helpers/web-fixture';
import type { WebTarget } from '../helpers/web-client';

export interface UiBrowser {
  /** A fresh browser context (the last one is closed) with the UI open in it. */
  open(options?: { colorScheme?: 'light' | 'dark'; locale?: string; forcedColors?: 'active' | 'none' }): Promise<Page>;
  browser(): Browser;
  /** The context the last open() made, for opening more pages in it. */
  context(): BrowserContext;
}

/** One Chromium for a test file, started before its tests and closed after them. */
export function useUiBrowser(f: WebFixture): UiBrowser {
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });
  return {
    async open(options = {}) {
      await context?.close();
      context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light', locale: options.locale ?? 'en-US', forcedColors: options.forcedColors ?? 'none' });
      return openUi(context, f.target);
    },
    browser: () => browser!,
    context: () => context!,
  };
}

/** Opens the URL `haul serve` prints and waits for the window to be drawn. */
const refusedByCsp = new WeakMap<Page, string[]>();

/** What the page's CSP refused (an image, a script, a connection), as Chromium reported it. */
export const cspViolations = (page: Page): readonly string[] => refusedByCsp.get(page) ?? [];

export async function openUi(context: BrowserContext, target: WebTarget): Promise<Page> {
  const page = await context.newPage();
  const refused: string[] = [];
  refusedByCsp.set(page, refused);
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) refused.push(m.text().slice(0, 300));
  });
  await page.goto(`${target.origin}/?token=${target.token}`);
  // The toolbar is there whether the list is empty (a drop invitation) or not; the banner goes
  // once the page is connected and has its list.
  await page.getByRole('toolbar').first().waitFor();
  await page.getByText(/^(Connecting to Haul…|正在连接 Haul…)$/).waitFor({ state: 'detached' });
  // The live UI, not the server's first screen (which looks the same but answers no click).
  await page.locator('#root:not([data-prerendered])').waitFor({ state: 'attached' });
  return page;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The row a screen reader announces as "<name>, <status…>" (a Chinese comma in Chinese). */
export function rowNamed(page: Page, name: string, status?: string): Locator {
  return page.getByRole('row', { name: new RegExp(`^${escape(name)}[,，] ?${status ? escape(status) : ''}`) });
}

/**
 * What the page's own functions use of the DOM (this file is typed for Node): functions passed to
 * page.evaluate run in the browser and reach these through globalThis.
 */
export interface PageGlobals {
  document: { body: { dispatchEvent(e: unknown): boolean }; activeElement: unknown; documentElement: { lang: string; dataset: Record<string, string | undefined> }; getElementsByTagName(n: string): { length: number } };
  DataTransfer: new () => { setData(type: string, value: string): void; items: { add(f: unknown): void } };
  DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
  File: new (parts: string[], name: string, init: { type: string }) => unknown;
  WebSocket: new (url: string) => { onopen: (() => void) | null; onerror: (() => void) | null };
}

/** A drop of dragged text (e.g. text/uri-list from a browser's link) on the window. */
export async function dropText(page: Page, type: string, text: string): Promise<void> {
  await page.evaluate(
    ([t, value]) => {
      const g = globalThis as unknown as PageGlobals;
      const data = new g.DataTransfer();
      data.setData(t, value);
      for (const kind of ['dragenter', 'dragover', 'drop']) g.document.body.dispatchEvent(new g.DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [type, text] as const,
  );
}

/** A drop of files from the desktop (e.g. a .txt list of links) on the window. */
export async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const g = globalThis as unknown as PageGlobals;
    const data = new g.DataTransfer();
    for (const f of list) data.items.add(new g.File([f.text], f.name, { type: 'text/plain' }));
    for (const kind of ['dragenter', 'dragover', 'drop']) g.document.body.dispatchEvent(new g.DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

/** Stops the web server (the page loses its connection), runs `meanwhile`, then starts it again on the same port. */
export async function restartWebServer(f: WebFixture, meanwhile: () => Promise<void>): Promise<void> {
  await f.web.close();
  await meanwhile();
  f.web = await startWebServer({ hub: f.hub, host: '127.0.0.1', port: f.target.port, token: f.target.token, uiDir: BUILT_UI });
}

/**
 * A list a person would recognise, for audits and screenshots: one finished, one downloading over
 * several connections (slowly, so its segments show), one paused, one refused by the server.
 */
export async function stageScene(f: WebFixture, names: { done: string; running: string; paused: string; failed: string }): Promise<void> {
  f.files.route(`/${encodeURIComponent(names.done)}`, { body: makeContent(300_000, 11) });
  f.files.route(`/${encodeURIComponent(names.running)}`, { body: makeContent(64 * 1024 * 1024, 12), quirks: { throttle: 256 * 1024 } });
  f.files.route(`/${encodeURIComponent(names.failed)}`, { body: makeContent(10, 13), quirks: { status: 403 } });
  const done = f.h.engine.addJobs([{ url: f.files.url(`/${encodeURIComponent(names.done)}`) }]).added[0]!.id;
  await f.h.waitFor(done, ['completed']);
  f.h.engine.addJobs([
    { url: f.files.url(`/${encodeURIComponent(names.running)}`), connections: 8 },
    { url: f.files.url(`/${encodeURIComponent(names.paused)}`), paused: true },
    { url: f.files.url(`/${encodeURIComponent(names.failed)}`) },
  ]);
  await f.h.waitUntil(() => f.h.engine.list().some((j) => j.status === 'failed') && f.h.engine.list().some((j) => j.activeConnections > 1 && j.received > 0), 'the scene to be set');
}

/**
 * Waits for `locator`; when it does not come, the failure carries what the page showed (a
 * screenshot under out/screenshots and what a screen reader would read), not only a timeout.
 */
export async function waitOrExplain(page: Page, locator: Locator, name: string): Promise<void> {
  try {
    await locator.waitFor();
  } catch (err) {
    const shot = await screenshot(page, `failed-${name}`).catch(() => 'no screenshot');
    const seen = await page.locator('body').ariaSnapshot().catch(() => '(no snapshot)');
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nScreenshot: ${shot}\nThe page read:\n${seen}`);
  }
}
