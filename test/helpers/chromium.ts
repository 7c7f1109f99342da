// Debian's Chromium, driven by playwright-core: the real browser a user of `haul serve` opens.
// Tests fail (not skip) when it is missing: `.ci/run` installs it; locally `apt-get install chromium`.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.HAUL_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where tests write screenshots for people to look at: under out/ (never in git). */
export const SCREENSHOTS = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));

/** `extraArgs`: more flags, e.g. `--host-resolver-rules=MAP rebound.test 127.0.0.1` to play a DNS rebinding. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set HAUL_CHROMIUM.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...extraArgs], headless: true });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
