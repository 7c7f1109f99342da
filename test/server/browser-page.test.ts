// The page haul serve serves, in real Chromium: the printed address leaves no token in the
// address bar, the UI connects over its WebSocket under the strict CSP (no violation), events
// reach it, it says when the server is gone and reconnects by itself when it is back; without the
// token the browser shows how to get in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startWebServer } from '../../electron/server/web-server';
import { launchChromium, screenshot } from '../helpers/chromium';
import { BUILT_UI, TEST_TOKEN, useWebFixture } from '../helpers/web-fixture';

const f = useWebFixture();
let browser: Browser;

beforeEach(async () => {
  browser = await launchChromium();
});
afterEach(async () => {
  await browser.close();
});

/** CSP violations the page reports, as the console shows them. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

describe('haul serve in Chromium', () => {
  it('opens from the printed address, connects under the CSP, follows events, and reconnects after a restart', async () => {
    const page = await browser.newPage();
    const violations = watchViolations(page);
    await page.goto(f.web.url);
    // The token went into the cookie: the address bar (and the history) has none.
    expect(page.url()).toBe(`${f.target.origin}/`);
    const banner = page.getByRole('status').filter({ hasText: /Connecting to Haul|Connection to Haul lost/ });
    await expect.poll(() => banner.count()).toBe(0);
    // An event from the engine reaches the page: the theme follows the prefs.
    await f.h.engine.prefs.set({ theme: 'dark' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');

    await f.web.close();
    await expect.poll(() => banner.count()).toBe(1);
    expect(await banner.textContent()).toContain('Connection to Haul lost');
    await screenshot(page, 'serve-connection-lost');
    f.web = await startWebServer({ hub: f.hub, host: '127.0.0.1', port: f.target.port, token: TEST_TOKEN, uiDir: BUILT_UI });
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);
    await f.h.engine.prefs.set({ theme: 'light' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
    expect(violations).toEqual([]);
  });

  it('shows how to get in once the server restarts with another token', async () => {
    const page = await browser.newPage();
    await page.goto(f.web.url);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /Connecting to Haul/ }).count()).toBe(0);
    await f.web.close();
    f.web = await startWebServer({ hub: f.hub, host: '127.0.0.1', port: f.target.port, token: 'another-token-0123456789', uiDir: BUILT_UI });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 }).toBe('Open Haul with its address');
  });

  it('shows how to get in when opened without the token', async () => {
    const page = await browser.newPage();
    const answer = await page.goto(`${f.target.origin}/`);
    expect(answer?.status()).toBe(401);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Open Haul with its address');
    expect(await page.textContent('body')).toContain('haul serve');
    await screenshot(page, 'serve-no-token');
  });
});
