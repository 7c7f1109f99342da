// The task list's commands end to end: the details panel on a real multi-connection download, a
// paused download moved to another folder through the row menu, and a download waiting for a free
// connection to its server. Debian's Chromium on `haul serve`, a real engine, loopback files.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/chromium';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { useWebFixture } from '../helpers/web-fixture';
import { rowNamed, useUiBrowser } from './ui-driver';

const t = useWebFixture();
const ui = useUiBrowser(t);
const open = ui.open;

describe('commands on downloads, in the browser', () => {
  it('opens the details of a download with Enter: its segments and history, closed with Esc', async () => {
    // Slow enough to still be running over several connections while the panel is read.
    t.files.route('/segmented.iso', { body: makeContent(32 * 1024 * 1024, 21), quirks: { throttle: 256 * 1024 } });
    const id = t.h.engine.addJobs([{ url: t.files.url('/segmented.iso'), connections: 4 }]).added[0]!.id;
    await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.activeConnections ?? 0) > 1, 'several connections to open');
    const page = await open();
    await rowNamed(page, 'segmented.iso').click();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Download details' });
    await panel.waitFor();
    // The segments table lists each piece of the file; more than one for a download over 4 connections.
    await panel.getByRole('table', { name: /^([2-9]|\d{2,}) segments$/ }).waitFor();
    await expect.poll(() => panel.getByText(/connections? active/).textContent()).toMatch(/^[2-4] connections active/);
    await screenshot(page, 'details-segments-light');
    await panel.getByRole('tab', { name: 'History' }).click();
    const history = panel.getByRole('table');
    await history.getByRole('cell', { name: 'Added', exact: true }).waitFor();
    await history.getByRole('cell', { name: 'Started', exact: true }).first().waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    t.h.engine.cancel([id]);
  });

  it('tells what happened to a download in the reader’s language: a retry, a restart', async () => {
    // A busy server (503 once, come back in 1 s), then one that ignores a byte range: the engine
    // tries again, then starts over on one connection. The details say so in Chinese.
    const body = makeContent(4 * 1024 * 1024, 23);
    t.files.route('/story.bin', { body, quirks: { failFirst: { count: 1, status: 503, retryAfter: '1' }, ignoreRangeFor: [2], throttle: 4 * 1024 * 1024 } });
    const id = t.h.engine.addJobs([{ url: t.files.url('/story.bin'), connections: 4 }]).added[0]!.id;
    const done = await t.h.waitFor(id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(await sha256File(done.path!)).toBe(sha256(body));
    const page = await open({ locale: 'zh-CN' });
    await rowNamed(page, 'story.bin', '已完成').click();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: '任务详情' });
    await panel.getByRole('tab', { name: '历史' }).click();
    const history = panel.getByRole('table');
    await history.getByText('HTTP 503 服务器繁忙 · 第 2 次尝试（共 5 次）').waitFor();
    await history.getByText('已从头重新下载：服务器忽略了分段请求，发来了整个文件。').waitFor();
    // The engine's English stays out of the words; its message is the words' tooltip.
    expect(await history.textContent()).not.toMatch(/Restarted|Service Unavailable|try \d/);
    await screenshot(page, 'details-history-zh-CN');
  });

  it('moves a paused download to another folder through the menu; it completes there', async () => {
    const body = makeContent(3 * 1024 * 1024, 22);
    t.files.route('/moving.bin', { body, quirks: { throttle: 1024 * 1024 } });
    const id = t.h.engine.addJobs([{ url: t.files.url('/moving.bin') }]).added[0]!.id;
    await t.h.waitUntil(() => (t.h.engine.snapshot(id)?.received ?? 0) > 0, 'some bytes to arrive');
    t.h.engine.pause([id]);
    await t.h.waitFor(id, ['paused']);
    // Inside the harness's folder, so it goes when the test's files do.
    const elsewhere = join(t.h.root, 'elsewhere');
    await mkdir(elsewhere);

    const page = await open();
    await rowNamed(page, 'moving.bin', 'Paused').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Move to folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move to folder' });
    const folder = dialog.getByRole('textbox', { name: 'Folder' });
    // A browser has no folder picker: the path is typed, and must be a full one.
    expect(await dialog.getByRole('button', { name: 'Browse…' }).count()).toBe(0);
    await folder.fill('relative/place');
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    await dialog.getByText('Enter a full path, such as /home/me/Downloads').waitFor();
    await screenshot(page, 'move-dialog-light');
    await folder.fill(elsewhere);
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await t.h.waitUntil(() => t.h.engine.snapshot(id)?.dir === elsewhere, 'the download to take its new folder');

    await rowNamed(page, 'moving.bin', 'Paused').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Resume' }).click();
    await rowNamed(page, 'moving.bin', 'Completed').waitFor({ timeout: 30_000 });
    const done = t.h.engine.snapshot(id)!;
    expect(dirname(done.path!)).toBe(elsewhere);
    expect(await sha256File(done.path!)).toBe(sha256(body));
  });

  it('sets a default speed limit per download in settings; a download added after gets it', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Speed' }).click();
    await settings.getByRole('switch', { name: 'Limit each new download' }).check();
    const rate = settings.getByRole('textbox', { name: 'Speed limit per download' });
    await rate.fill('2');
    await rate.press('Enter');
    await t.h.waitUntil(() => t.h.engine.getSettings().defaultSpeedLimit === 2 * 1024 * 1024, 'the limit to reach the engine');
    // The total limit is another setting: untouched.
    expect(t.h.engine.getSettings().globalSpeedLimit).toBeNull();
    const id = t.h.engine.addJobs([{ url: t.files.url('/later.bin'), paused: true }]).added[0]!.id;
    expect(t.h.engine.snapshot(id)!.options.speedLimit).toBe(2 * 1024 * 1024);
  });

  it('says a download waits for a free connection to its server', async () => {
    t.h.engine.setSettings({ maxPerHost: 1 });
    for (const n of ['first', 'second']) t.files.route(`/${n}.bin`, { body: makeContent(8 * 1024 * 1024, n.length), quirks: { throttle: 128 * 1024 } });
    const ids = t.h.engine.addJobs([{ url: t.files.url('/first.bin') }, { url: t.files.url('/second.bin') }]).added.map((j) => j.id);
    const page = await open();
    const waiting = page.getByRole('row', { name: /^(first|second)\.bin, Waiting for a free connection to 127\.0\.0\.1/ });
    await waiting.first().waitFor();
    // The cell says it in few words (the column is narrow); its tooltip has the sentence.
    const cell = waiting.first().locator('.status');
    expect(await cell.locator('.status-text').textContent()).toBe('Waiting for 127.0.0.1');
    expect(await cell.getAttribute('title')).toContain('Waiting for a free connection to 127.0.0.1');
    await screenshot(page, 'waiting-for-host-light');
    t.h.engine.cancel(ids);
  });
});

describe('looks of the new screens', () => {
  it.each([
    ['dark', 'en-US'],
    ['light', 'zh-CN'],
  ] as const)('the move dialog and the waiting words in %s, %s', async (colorScheme, locale) => {
    t.h.engine.setSettings({ maxPerHost: 1 });
    for (const n of ['α.bin', 'β.bin']) t.files.route(`/${encodeURIComponent(n)}`, { body: makeContent(8 * 1024 * 1024, 3), quirks: { throttle: 128 * 1024 } });
    const ids = t.h.engine.addJobs([{ url: t.files.url(`/${encodeURIComponent('α.bin')}`) }, { url: t.files.url(`/${encodeURIComponent('β.bin')}`) }]).added.map((j) => j.id);
    const page = await open({ colorScheme, locale });
    const words = locale === 'zh-CN' ? '等待 127.0.0.1 的空闲连接' : 'Waiting for a free connection to 127.0.0.1';
    await page.getByRole('row', { name: new RegExp(`[αβ]\\.bin[,，] ?${words.replace(/\./g, '\\.')}`) }).first().waitFor();
    await screenshot(page, `waiting-for-host-${colorScheme}-${locale}`);
    await page.getByRole('row', { name: /^α\.bin/ }).click({ button: 'right' });
    await screenshot(page, `row-menu-${colorScheme}-${locale}`);
    await page.getByRole('menuitem', { name: locale === 'zh-CN' ? '移动到文件夹…' : 'Move to folder…' }).click();
    await page.getByRole('dialog').waitFor();
    await screenshot(page, `move-dialog-${colorScheme}-${locale}`);
    await page.keyboard.press('Escape');
    t.h.engine.cancel(ids);
  });
});
