// The page haul serve sends carries the first screen's data: the list's first page in the user's
// sort, prefs, settings and app info, through the same handlers as the WebSocket (secrets
// redacted), in a JSON element no value can break out of. In Chromium the rows draw
// from it while the WebSocket has not answered at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { scriptSafeJson } from '../../electron/server/boot-page';
import { BOOT_ELEMENT_ID, type BootData } from '../../shared/api/boot-data';
import { launchChromium } from '../helpers/chromium';
import { tokenCookieHeader, httpGet } from '../helpers/web-client';
import { useWebFixture } from '../helpers/web-fixture';

const f = useWebFixture();

const HOSTILE = '</script><script>document.title="owned"</script><!--.bin';

function bootOf(html: string): BootData {
  const blocks = [...html.matchAll(new RegExp(`<script type="application/json" id="${BOOT_ELEMENT_ID}">([^<]*)</script>`, 'g'))];
  expect(blocks).toHaveLength(1);
  return JSON.parse(blocks[0]![1]!) as BootData;
}

describe('the page haul serve sends', () => {
  it('escapes every < in the data, so no value can end its script element', () => {
    const json = scriptSafeJson({ name: HOSTILE });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ name: HOSTILE });
  });

  it('carries the first page in the user’s sort, with secrets redacted', async () => {
    const secretUrl = f.files.url('/private/report.pdf').replace('http://', 'http://alice:hunter2@');
    f.h.engine.addJobs([
      { url: secretUrl, paused: true, headers: { Cookie: 'session=topsecret' } },
      { url: f.files.url('/files/aaa-first-by-name.iso'), paused: true },
    ]);
    f.h.engine.prefs.set({ sort: { key: 'name', dir: 'asc' } });
    const page = await httpGet(f.target, '/', { host: `127.0.0.1:${f.target.port}`, cookie: tokenCookieHeader(f.target) });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    for (const secret of ['hunter2', 'topsecret']) expect(page.body).not.toContain(secret);

    const boot = bootOf(page.body);
    expect(boot.prefs.sort).toEqual({ key: 'name', dir: 'asc' });
    expect(boot.info.mode).toBe('web');
    expect(boot.firstPage.total).toBe(2);
    // Sorted by name on the server: the list's first page is in the order the user chose.
    expect(boot.firstPage.rows[0]!.url).toContain('aaa-first-by-name.iso');
    expect(boot.firstPage.rows.find((r) => r.url.includes('private'))!.url).toContain('***');
    expect(boot.firstPage.counts.all).toBe(2);
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeEach(async () => {
      browser = await launchChromium();
    });
    afterEach(async () => {
      await browser.close();
    });

    it('draws the first rows from the page itself while the WebSocket is held unanswered', async () => {
      f.h.engine.addJobs(Array.from({ length: 30 }, (_, i) => ({ url: f.files.url(`/files/boot-${String(i).padStart(2, '0')}.bin`), paused: true })));
      const page = await browser.newPage();
      let sockets = 0;
      // Accepted by the page, never connected to the server: nothing comes over it.
      await page.routeWebSocket(/\/api$/, () => void sockets++);
      await page.goto(f.web.url);
      await page.getByRole('row', { name: /boot-00\.bin/ }).waitFor({ timeout: 15_000 });
      expect(await page.getByRole('row', { name: /boot-\d\d\.bin/ }).count()).toBeGreaterThan(10);
      expect(await page.getByRole('button', { name: /^All/ }).textContent()).toContain('30');
      expect(sockets).toBeGreaterThan(0);
      // The page still says it is not connected yet: the rows are a snapshot until the socket opens.
      expect(await page.getByRole('status').filter({ hasText: /Connecting to Haul/ }).count()).toBe(1);
    });
  });
});
