// haul serve draws the first screen on the server, with the UI's own components and the data the
// page carries: rows, words in the browser's language, the theme and density, before any script
// has loaded. The live UI then replaces it and works as ever; without the server module (an
// older build) or when it fails, the page is sent as before.
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedLanguages, firstScreenDrawer } from '../../electron/server/first-screen';
import { screenshot, launchChromium } from '../helpers/chromium';
import { httpGet, tokenCookieHeader } from '../helpers/web-client';
import { useWebFixture } from '../helpers/web-fixture';
import { openUi } from '../e2e/ui-driver';
import { DEFAULT_PREFS } from '../../shared/models/prefs';

const f = useWebFixture();

/** What sits inside `<div id="root" data-prerendered>`, or null when the page has no first screen. */
function rootMarkup(html: string): string | null {
  const start = html.indexOf('<div id="root" data-prerendered>');
  if (start < 0) return null;
  return html.slice(start, html.indexOf('<script type="application/json"', start));
}

function addPaused(names: string[]): string[] {
  return f.h.engine.addJobs(names.map((n) => ({ url: f.files.url(`/files/${n}`), paused: true }))).added.map((j) => j.id);
}

describe('the first screen drawn on the server', () => {
  it('holds the rows, in the browser’s language, with the prefs’ theme and density on the page', async () => {
    const ids = addPaused(['alpha.iso', 'beta.zip', 'gamma.tar.gz']);
    f.h.engine.prefs.set({ language: 'system', theme: 'dark', density: 'compact' });
    const get = (languages: string) => httpGet(f.target, '/', { host: `127.0.0.1:${f.target.port}`, cookie: tokenCookieHeader(f.target), 'accept-language': languages });

    const zh = await get('zh-CN,zh;q=0.9,en;q=0.8');
    expect(zh.status).toBe(200);
    expect(zh.body).toContain('<html lang="zh-CN" data-theme="dark" data-density="compact">');
    const markup = rootMarkup(zh.body);
    expect(markup).not.toBeNull();
    for (const id of ids) expect(markup).toContain(`data-row-id="${id}"`);
    for (const name of ['alpha.iso', 'beta.zip', 'gamma.tar.gz']) expect(markup).toContain(name);
    expect(markup).toContain('已暂停');
    expect(markup).not.toContain('Paused');
    // Icons as references to the page's own symbols: no image to load before the first paint.
    for (const icon of ['disc', 'file-archive', 'paused']) {
      expect(markup).toContain(`<use href="#row-icon-${icon}">`);
      expect(markup).toContain(`<symbol id="row-icon-${icon}"`);
    }

    const en = await get('fr;q=0.9, en-GB;q=0.95, zh-CN;q=0');
    expect(en.body).toContain('<html lang="en"');
    expect(rootMarkup(en.body)).toContain('Paused');
  });

  it('leaves "system" themes to the page’s inline script, which its CSP allows by hash alone', async () => {
    addPaused(['one.bin']);
    f.h.engine.prefs.set({ theme: 'system' });
    const page = await httpGet(f.target, '/', { host: `127.0.0.1:${f.target.port}`, cookie: tokenCookieHeader(f.target) });
    expect(page.body).toMatch(/<html lang="en" data-theme="system" data-density="comfortable">/);
    // Before any stylesheet, which an inline script would wait for.
    const script = /<script>([^<]+)<\/script>/.exec(page.body);
    expect(script).not.toBeNull();
    expect(script!.index).toBeLessThan(page.body.indexOf('rel="stylesheet"'));
    const hash = `'sha256-${createHash('sha256').update(script![1]!).digest('base64')}'`;
    const csp = String(page.headers['content-security-policy']);
    expect(/script-src ([^;]*)/.exec(csp)![1]!.split(' ')).toEqual(["'self'", hash]);
    // The page's own CSP (the desktop app has only that one) allows the same script.
    const source = readFileSync(fileURLToPath(new URL('../../renderer/index.html', import.meta.url)), 'utf8');
    expect(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self' ([^;"]*)/.exec(source)![1]).toBe(hash);
  });

  it('is the empty list’s invitation when there are no jobs', async () => {
    const page = await httpGet(f.target, '/', { host: `127.0.0.1:${f.target.port}`, cookie: tokenCookieHeader(f.target) });
    const markup = rootMarkup(page.body);
    expect(markup).not.toBeNull();
    expect(markup).not.toContain('data-row-id');
    expect(markup).toContain('role="toolbar"');
  });

  describe('in Chromium', () => {
    let browser: Browser;
    let context: BrowserContext | null = null;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await context?.close();
      await browser.close();
    });

    it('shows the rows in the system’s dark theme with no app script run at all', async () => {
      addPaused(Array.from({ length: 25 }, (_, i) => `drawn-${String(i).padStart(2, '0')}.bin`));
      f.h.engine.prefs.set({ theme: 'system' });
      context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
      const page = await context.newPage();
      let blocked = 0;
      await page.route(/\/assets\/.*\.js$/, (route) => {
        blocked++;
        return route.abort();
      });
      await page.goto(f.web.url);
      await page.getByRole('row', { name: /drawn-00\.bin/ }).waitFor({ timeout: 15_000 });
      expect(blocked).toBeGreaterThan(0);
      expect(await page.getByRole('row', { name: /drawn-\d\d\.bin/ }).count()).toBeGreaterThan(15);
      const look = {
        theme: await page.locator('html').getAttribute('data-theme'),
        prerendered: await page.locator('#root').getAttribute('data-prerendered'),
        background: await page.locator('body').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor),
      };
      expect(look.theme).toBe('dark');
      expect(look.prerendered).toBe(''); // present: still the server's markup
      // A dark background: every channel low.
      const [r, gr, b] = (look.background.match(/\d+/g) ?? []).map(Number);
      expect(Math.max(r!, gr!, b!)).toBeLessThan(80);
      // Every row's two icons reference a symbol the page holds.
      const icons = await page.locator('[role="row"] use').evaluateAll((uses) => uses.map((u) => Boolean((globalThis as unknown as { document: { getElementById(id: string): unknown } }).document.getElementById((u as unknown as { getAttribute(n: string): string }).getAttribute('href').slice(1)))));
      expect(icons.length).toBeGreaterThan(30);
      expect(icons.every(Boolean)).toBe(true);
      await screenshot(page, 'first-screen-before-scripts-dark');
    });

    it('is replaced by the live UI, which answers clicks', async () => {
      const [first] = addPaused(['live-a.bin', 'live-b.bin']);
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await openUi(context, f.target);
      expect(await page.locator('#root[data-prerendered]').count()).toBe(0);
      // One of each row: the server's markup went, the live rows came.
      expect(await page.locator(`[data-row-id="${first}"]`).count()).toBe(1);
      // The live rows' icons are the stylesheet's images, the symbols gone with the server's markup.
      expect(await page.locator('[role="row"] .row-icon.ri-file-muted').count()).toBe(2);
      expect(await page.locator('[role="row"] .row-icon.ri-paused-paused').count()).toBe(2);
      expect(await page.locator('symbol').count()).toBe(0);
      await page.getByRole('row', { name: /live-a\.bin/ }).click();
      expect(await page.getByRole('row', { name: /live-a\.bin/ }).getAttribute('aria-selected')).toBe('true');
    });
  });
});

describe('without the server module', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const uiWith = (module: string | null): string => {
    const root = mkdtempSync(join(tmpdir(), 'haul-ssr-'));
    dirs.push(root);
    mkdirSync(join(root, 'renderer'));
    if (module !== null) {
      mkdirSync(join(root, 'renderer-ssr'));
      writeFileSync(join(root, 'renderer-ssr', 'first-screen.mjs'), module);
    }
    return join(root, 'renderer');
  };
  const prefs = DEFAULT_PREFS;
  const boot = { info: {}, prefs, settings: {}, firstPage: { rows: [], counts: {}, seq: 0, total: 0 } } as never;

  it('draws nothing when the build has none, or one that fails to load or to draw', async () => {
    for (const module of [null, 'throw new Error("broken build")', 'export const other = 1;']) {
      const drawer = await firstScreenDrawer(uiWith(module))();
      expect(drawer.look(prefs, [])).toBeNull();
      expect(drawer.draw(boot, [])).toBeNull();
    }
    const failing = 'export async function loadFirstScreen() { return { look() { throw new Error("bad prefs"); }, renderFirstScreen() { throw new Error("bad row"); } }; }';
    const drawer = await firstScreenDrawer(uiWith(failing))();
    expect(drawer.look(prefs, [])).toBeNull();
    expect(drawer.draw(boot, [])).toBeNull();
  });
});

describe('Accept-Language', () => {
  it('gives the tags most wanted first, leaving out refused and malformed ones', () => {
    expect(acceptedLanguages('fr;q=0.5, zh-CN, en-US;q=0.8, de;q=0, <script>')).toEqual(['zh-CN', 'en-US', 'fr']);
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages('*')).toEqual([]);
  });
});
