// The UI end to end, as a person uses it: Debian's Chromium on `haul serve`'s server, a real
// engine on a real SQLite file, files from a loopback server, bytes checked on disk.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../helpers/chromium';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { useWebFixture } from '../helpers/web-fixture';
import { cspViolations, dropFiles, dropText, openUi, restartWebServer, rowNamed, stageScene, useUiBrowser, waitOrExplain, type PageGlobals } from './ui-driver';

const t = useWebFixture();
const ui = useUiBrowser(t);
const open = ui.open;

describe('the web UI', () => {
  it('adds links through the dialog: the good lines download, the bad one stays to be fixed', async () => {
    const fast = makeContent(300_000, 1);
    const slow = makeContent(2 * 1024 * 1024, 2);
    t.files.route('/fast.bin', { body: fast });
    // ~8 s over the default connections: long enough to be paused on the way.
    t.files.route('/slow.bin', { body: slow, quirks: { throttle: 32 * 1024 } });
    const page = await open();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const box = page.getByRole('textbox', { name: 'Addresses, one per line' });
    await expect.poll(() => box.evaluate((e) => e === (globalThis as unknown as PageGlobals).document.activeElement)).toBe(true);
    await box.fill([t.files.url('/fast.bin'), 'not a link', t.files.url('/slow.bin')].join('\n'));
    await page.getByText('Line 2: not a web address').first().waitFor();
    await page.getByRole('button', { name: 'Start 2 downloads' }).click();
    // The bad line stays in the box, for correction.
    await expect.poll(() => box.inputValue()).toBe('not a link');
    await page.keyboard.press('Escape');

    await rowNamed(page, 'fast.bin', 'Completed').waitFor();
    const fastJob = t.h.engine.list().find((j) => j.name === 'fast.bin')!;
    expect(await sha256File(fastJob.path!)).toBe(sha256(fast));

    // Pause the slow one from the toolbar, then resume it: it completes, whole.
    const slowRow = rowNamed(page, 'slow.bin');
    await slowRow.click();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await rowNamed(page, 'slow.bin', 'Paused').waitFor();
    const slowId = t.h.engine.list().find((j) => j.url.endsWith('/slow.bin'))!.id;
    expect(t.h.engine.snapshot(slowId)!.status).toBe('paused');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await rowNamed(page, 'slow.bin', 'Completed').waitFor({ timeout: 30_000 });
    expect(await sha256File(t.h.engine.snapshot(slowId)!.path!)).toBe(sha256(slow));
  });

  it('opens the add dialog filled in from dropped links and from a dropped .txt list', async () => {
    for (const n of ['a', 'b', 'c']) t.files.route(`/${n}.txt`, { body: makeContent(1000, n.charCodeAt(0)) });
    const page = await open();
    await dropText(page, 'text/uri-list', `# dragged from a browser\n${t.files.url('/a.txt')}\n`);
    const box = page.getByRole('textbox', { name: 'Addresses, one per line' });
    await expect.poll(() => box.inputValue()).toContain(t.files.url('/a.txt'));
    await page.getByRole('button', { name: 'Start 1 download' }).click();
    await rowNamed(page, 'a.txt', 'Completed').waitFor();

    await dropFiles(page, [{ name: 'links.txt', text: `${t.files.url('/b.txt')}\r\n${t.files.url('/c.txt')}\r\n` }]);
    await expect.poll(() => box.inputValue()).toContain(t.files.url('/c.txt'));
    await page.getByRole('button', { name: 'Start 2 downloads' }).click();
    await rowNamed(page, 'b.txt', 'Completed').waitFor();
    await rowNamed(page, 'c.txt', 'Completed').waitFor();
  });

  it('removes a download with its file, after asking once', async () => {
    const body = makeContent(50_000, 9);
    t.files.route('/gone.bin', { body });
    const id = t.h.engine.addJobs([{ url: t.files.url('/gone.bin') }]).added[0]!.id;
    const job = await t.h.waitFor(id, ['completed']);
    expect(existsSync(job.path!)).toBe(true);
    const page = await open();
    await rowNamed(page, 'gone.bin', 'Completed').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^Remove/ }).click();
    const dialog = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    const deleteFiles = dialog.getByRole('checkbox', { name: 'Also delete the file from disk' });
    expect(await deleteFiles.isChecked()).toBe(false);
    await deleteFiles.check();
    await dialog.getByRole('button', { name: 'Remove and delete' }).click();
    await rowNamed(page, 'gone.bin').waitFor({ state: 'detached' });
    await t.h.waitUntil(() => !existsSync(job.path!), 'the file to be deleted');
    expect(t.h.engine.snapshot(id)).toBeUndefined();
  });

  it('applies a setting at once, and speaks Chinese when asked', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const maxJobs = settings.getByRole('textbox', { name: 'Downloads at once' });
    await maxJobs.fill('2');
    await maxJobs.press('Enter');
    await t.h.waitUntil(() => t.h.engine.getSettings().maxJobs === 2, 'maxJobs to reach the engine');

    await settings.getByRole('tab', { name: 'Appearance' }).click();
    await settings.getByRole('radiogroup', { name: 'Language' }).getByText('简体中文').click();
    // The open dialog speaks Chinese at once; the window behind it too, once it is closed.
    await page.getByRole('dialog', { name: '设置' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^全部 ?[\d,]*$/ }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang)).toBe('zh-CN');
    expect(t.h.engine.prefs.get().language).toBe('zh-CN');
    // The engine's settings did not move for a UI preference.
    expect(t.h.engine.getSettings().maxJobs).toBe(2);
  });

  it('reconnects after the server restarts and shows what changed meanwhile', async () => {
    const page = await open();
    await restartWebServer(t, async () => {
      await waitOrExplain(page, page.getByText('Connection to Haul lost. Reconnecting…'), 'reconnect-lost-banner');
      t.h.engine.addJobs([{ url: t.files.url('/later.bin'), name: 'added-while-away.bin', paused: true }]);
    });
    await rowNamed(page, 'added-while-away.bin', 'Paused').waitFor({ timeout: 20_000 });
    await page.getByText('Connection to Haul lost. Reconnecting…').waitFor({ state: 'detached' });
  });

  it('refuses a browser without the token, and a page of another origin', async () => {
    const context = await ui.browser().newContext(); // no cookie yet
    const page = await context.newPage();
    const answer = await page.goto(`${t.target.origin}/`);
    expect(answer?.status()).toBe(401);
    expect(await page.textContent('body')).toMatch(/haul serve/);
    // A page from another origin (the file server) trying the API with the user's cookie.
    await openUi(context, t.target);
    t.files.route('/evil.html', { body: Buffer.from('<!doctype html><title>x</title>'), quirks: { contentType: 'text/html' } } as never);
    const evil = await context.newPage();
    await evil.goto(t.files.url('/evil.html'));
    const outcome = await evil.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new (globalThis as unknown as PageGlobals).WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      `${t.target.origin.replace('http', 'ws')}/api`,
    );
    expect(outcome).toBe('refused');
    await context.close();
  });
});

describe('DNS rebinding', () => {
  it('a name that resolves to this computer but is not the server’s own gets nothing, even with the token', async () => {
    // An attacker's name made to resolve to 127.0.0.1: the browser then sends Host: rebound.test.
    const rebound = await launchChromium(['--host-resolver-rules=MAP rebound.test 127.0.0.1']);
    try {
      const page = await rebound.newPage();
      const answer = await page.goto(`http://rebound.test:${t.target.port}/?token=${t.target.token}`);
      expect(answer?.status()).toBeGreaterThanOrEqual(400);
      expect(await page.getByRole('toolbar').count()).toBe(0);
      const socket = await page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const ws = new (globalThis as unknown as PageGlobals).WebSocket(url);
            ws.onopen = () => resolve('open');
            ws.onerror = () => resolve('refused');
          }),
        `ws://rebound.test:${t.target.port}/api`,
      );
      expect(socket).toBe('refused');
      // The same server by its own address works, so the refusal was the name.
      const ok = await rebound.newPage();
      expect((await ok.goto(`${t.target.origin}/?token=${t.target.token}`))?.status()).toBe(200);
    } finally {
      await rebound.close();
    }
  });
});

describe('accessibility and looks', () => {
  it.each(['light', 'dark'] as const)('the list, the add dialog and settings pass an axe audit in %s', async (colorScheme) => {
    await stageScene(t, { done: 'report.pdf', running: 'ubuntu-24.04-desktop-amd64.iso', paused: 'talk.mp4', failed: 'old-link.zip' });
    const page = await open({ colorScheme });
    await rowNamed(page, 'report.pdf', 'Completed').waitFor();
    await rowNamed(page, 'old-link.zip').waitFor();
    const { auditAccessibility } = await import('../helpers/axe');
    expect(await auditAccessibility(page)).toEqual([]);
    // Every row's file and status icon is an image the page's policy lets it draw.
    expect(await page.locator('[role="row"] .row-icon').count()).toBe(8);
    expect(cspViolations(page)).toEqual([]);
    await screenshot(page, `list-${colorScheme}`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('textbox', { name: 'Addresses, one per line' }).fill(`${t.files.url('/x.iso')}\nnot a link`);
    await page.getByText('Line 2: not a web address').first().waitFor();
    expect(await auditAccessibility(page)).toEqual([]);
    await screenshot(page, `add-dialog-${colorScheme}`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    expect(await auditAccessibility(page)).toEqual([]);
    await screenshot(page, `settings-${colorScheme}`);
  });

  it('keeps the selection, the bars and the icons in high contrast (forced colours)', async () => {
    await stageScene(t, { done: 'manual.pdf', running: 'debian-13-amd64-netinst.iso', paused: 'lecture.mp4', failed: 'gone.zip' });
    const page = await open({ colorScheme: 'dark', forcedColors: 'active' });
    await rowNamed(page, 'manual.pdf', 'Completed').click();
    const looks = (): Promise<{ selected: string; plain: string; highlight: string; icons: string[]; images: string[]; bar: string }> =>
      page.evaluate(`(() => {
        const probe = document.body.appendChild(document.createElement('div'));
        probe.style.cssText = 'forced-color-adjust: none; background-color: Highlight';
        const highlight = getComputedStyle(probe).backgroundColor;
        probe.remove();
        const selected = document.querySelector('.job-row.is-selected');
        const plain = document.querySelector('.job-row:not(.is-selected)');
        const icons = [...document.querySelectorAll('.job-row .row-icon')];
        return {
          selected: getComputedStyle(selected).backgroundColor,
          plain: getComputedStyle(plain).backgroundColor,
          highlight,
          icons: icons.map((i) => getComputedStyle(i).maskImage),
          images: icons.map((i) => getComputedStyle(i).backgroundImage),
          bar: getComputedStyle(selected.querySelector('.progress-track')).backgroundImage,
        };
      })()`);
    const seen = await looks();
    // The selected row is the system's highlight, which an ordinary row is not.
    expect(seen.selected).toBe(seen.highlight);
    expect(seen.plain).not.toBe(seen.highlight);
    // Each icon is its shape as a mask over the system's colour, not a coloured picture.
    expect(seen.icons).toHaveLength(8);
    for (const mask of seen.icons) expect(mask).toMatch(/^url\("data:image\/svg\+xml,/);
    expect(new Set(seen.images)).toEqual(new Set(['none']));
    // A finished file's bar is still drawn (gradients are dropped in forced colours unless kept).
    expect(seen.bar).toMatch(/linear-gradient/);
    await screenshot(page, 'list-forced-colors');
  });

  it('draws the list in Chinese', async () => {
    await stageScene(t, { done: '季度报告.pdf', running: 'debian-13-amd64-netinst.iso', paused: '讲座录像.mp4', failed: 'expired.zip' });
    const page = await open({ locale: 'zh-CN' });
    await rowNamed(page, '季度报告.pdf', '已完成').waitFor();
    await page.getByRole('button', { name: /^全部 ?[\d,]*$/ }).waitFor();
    await screenshot(page, 'list-zh-CN');
  });

  it('shows 10,000 downloads with a screenful of rows', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ url: t.files.url(`/many/file-${String(i).padStart(5, '0')}.bin`), paused: true }));
    t.h.engine.addJobs(items);
    const page = await open();
    await rowNamed(page, 'file-00000.bin').waitFor();
    const rows = await page.getByRole('row').count();
    expect(rows).toBeLessThan(200);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.getElementsByTagName('*').length)).toBeLessThan(2000);
    await page.getByRole('button', { name: /^Paused/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Paused/ }).textContent()).toMatch(/10,000/);
    await screenshot(page, 'list-10000');

    // Rows are reused as the list scrolls: after a jump and after steps, each row still shows its own job.
    const shown = (): Promise<{ index: number; name: string; bar: string }[]> =>
      page.evaluate(`[...document.querySelectorAll('[role="row"][data-row-id]')].map((r) => ({
        index: Number(r.getAttribute('aria-rowindex')),
        name: r.querySelector('.name-text').getAttribute('title'),
        bar: r.querySelector('[role="progressbar"]').getAttribute('aria-label'),
      }))`);
    const grid = page.getByRole('grid');
    for (const top of [200_000, 200_040, 200_400, 0, 399_000]) {
      await grid.evaluate((el, y) => void ((el as unknown as { scrollTop: number }).scrollTop = y), top);
      await page.waitForTimeout(50);
      const rowsShown = await shown();
      expect(rowsShown.length).toBeGreaterThan(10);
      expect(new Set(rowsShown.map((r) => r.index)).size).toBe(rowsShown.length);
      for (const r of rowsShown) {
        const name = `file-${String(r.index - 2).padStart(5, '0')}.bin`;
        expect(r.name).toBe(name);
        expect(r.bar).toContain(name);
      }
    }
  });
});

