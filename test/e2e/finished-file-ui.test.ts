// Commands on finished files from the row menu, in Chromium on `haul serve` with the real process
// pool: verify again against a checksum typed in the dialog, and extract an archive on demand.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tarArchive } from '../../electron/workers/extract/test-archives';
import { screenshot } from '../helpers/chromium';
import { withPool } from '../helpers/engine-harness';
import { makeContent, sha256 } from '../helpers/test-content';
import { useWebFixture } from '../helpers/web-fixture';
import { rowNamed, useUiBrowser } from './ui-driver';

const t = useWebFixture({}, withPool);
const ui = useUiBrowser(t);
const open = ui.open;

async function downloaded(path: string, body: Buffer): Promise<string> {
  t.files.route(path, { body });
  const id = t.h.engine.addJobs([{ url: t.files.url(path), extract: false }]).added[0]!.id;
  await t.h.waitFor(id, ['completed']);
  return id;
}

describe('finished files, from the row menu', () => {
  it('verifies a file again against a checksum asked for in a dialog', async () => {
    const body = makeContent(200_000, 31);
    const id = await downloaded('/plain.iso', body);
    const page = await open();
    await rowNamed(page, 'plain.iso', 'Completed').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Verify again' }).click();
    // No checksum of its own: the dialog asks for one, and refuses what is not one.
    const dialog = page.getByRole('dialog', { name: 'Verify again' });
    const field = dialog.getByRole('textbox', { name: 'Checksum' });
    await field.fill('not a checksum');
    await dialog.getByRole('button', { name: 'Verify', exact: true }).click();
    await dialog.getByText(/^Enter md5, sha1, sha256 or sha512/).waitFor();
    await screenshot(page, 'verify-dialog-light');
    await field.fill(`sha256=${sha256(body)}`);
    await dialog.getByRole('button', { name: 'Verify', exact: true }).click();
    await rowNamed(page, 'plain.iso', 'Completed, checksum OK').waitFor();
    expect(t.h.engine.snapshot(id)!.checksum).toMatchObject({ ok: true, hex: sha256(body) });
  });

  it('extracts a finished archive on demand', async () => {
    const tgz = gzipSync(tarArchive([{ name: 'docs/a.txt', data: Buffer.from('alpha') }]));
    const id = await downloaded('/docs.tar.gz', tgz);
    const page = await open();
    await rowNamed(page, 'docs.tar.gz', 'Completed').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Extract' }).click();
    await t.h.waitUntil(() => t.h.engine.snapshot(id)?.extractedTo != null && t.h.engine.snapshot(id)?.status === 'completed', 'the archive to be extracted');
    expect(await readFile(join(t.h.engine.snapshot(id)!.extractedTo!, 'docs', 'a.txt'), 'utf8')).toBe('alpha');
    await rowNamed(page, 'docs.tar.gz', 'Completed').waitFor();
  });
});
