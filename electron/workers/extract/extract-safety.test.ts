// Hostile archives: every one must fail with HAUL_E_ARCHIVE_UNSAFE naming the entry, and leave the
// file system exactly as it was (the partial output folder removed, nothing written outside).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractArchive } from './index';
import { describeTree, tarArchive, zipArchive, type TarSpec, type ZipSpec } from './test-archives';
import { useExtractDirs } from './extract-test-dirs';

const dirs = useExtractDirs('haul-unsafe-', (tmp) => {
  mkdirSync(join(tmp, 'outside'));
  writeFileSync(join(tmp, 'outside', 'keep.txt'), 'untouched');
});

/** Extracts `archive` (written into dirs.dl/), expecting UNSAFE; checks the tree under dirs.tmp is unchanged. */
async function expectRefused(name: string, bytes: Buffer, entry: string): Promise<void> {
  writeFileSync(join(dirs.dl, name), bytes);
  const before = describeTree(dirs.tmp);
  const err = await extractArchive({ archive: join(dirs.dl, name) }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, name).toMatchObject({ code: 'HAUL_E_ARCHIVE_UNSAFE' });
  expect((err as Error).message).toContain(entry);
  expect(describeTree(dirs.tmp), `${name} left something behind`).toEqual(before);
}

const tar = (specs: TarSpec[]): Buffer => tarArchive([{ name: 'ok.txt', data: 'fine' }, ...specs]);
const zip = (specs: ZipSpec[]): Buffer => zipArchive([{ name: 'ok.txt', data: 'fine' }, ...specs]);

describe('unsafe tar entries', () => {
  it.each([
    ['../escape.txt'],
    ['pkg/../../escape.txt'],
    ['..\\escape.txt'],
    ['pkg\\..\\..\\escape.txt'],
    ['C:/escape.txt'],
    ['C:escape.txt'],
  ])('%s', async (entry) => {
    await expectRefused('bad.tar', tar([{ name: entry, data: 'pwned' }]), entry);
    expect(existsSync(join(dirs.tmp, 'escape.txt'))).toBe(false);
  });

  it('an absolute path', async () => {
    const target = join(dirs.tmp, 'outside', 'abs.txt');
    await expectRefused('abs.tar.gz', gzipSync(tar([{ name: target, data: 'pwned' }])), target);
    expect(existsSync(target)).toBe(false);
  });

  it('a symlink pointing out, then a file written "through" it', async () => {
    const outside = join(dirs.tmp, 'outside');
    for (const linkname of [outside, '../../outside', '../outside']) {
      await expectRefused('link.tar', tar([{ name: 'evil', type: '2', linkname }, { name: 'evil/pwned.txt', data: 'pwned' }]), 'evil');
    }
    expect(describeTree(outside)).toEqual({ 'keep.txt': expect.stringMatching(/^file:/) });
  });

  it('a file written through a symlink even when the link points inside', async () => {
    await expectRefused(
      'inner.tar',
      tar([{ name: 'real/', type: '5' }, { name: 'link', type: '2', linkname: 'real' }, { name: 'link/file.txt', data: 'x' }]),
      'link/file.txt',
    );
  });

  it('links that only escape once a later link exists (checked on the final tree)', async () => {
    // "a" → "sub/b/../.." looks inside while sub/b is a folder; once sub/b → ".." exists it leads out.
    await expectRefused('chain.tar', tar([{ name: 'a', type: '2', linkname: 'sub/b/../..' }, { name: 'sub/b', type: '2', linkname: '..' }]), 'a');
  });

  it('hard links pointing out', async () => {
    await expectRefused('hard.tar', tar([{ name: 'hl', type: '1', linkname: '../outside/keep.txt' }]), 'hl');
    await expectRefused('hard-abs.tar', tar([{ name: 'hl2', type: '1', linkname: join(dirs.tmp, 'outside', 'keep.txt') }]), 'hl2');
  });
});

describe('unsafe zip entries (refused before anything is written)', () => {
  it.each([['../escape.txt'], ['..\\..\\escape.txt'], ['/dirs.tmp/escape.txt'], ['C:\\escape.txt'], ['d:/escape.txt']])('%s', async (entry) => {
    await expectRefused('bad.zip', zip([{ name: entry, data: 'pwned' }]), entry.replaceAll('\\', '\\'));
  });

  it('a NUL byte in a name', async () => {
    await expectRefused('nul.zip', zip([{ name: Buffer.from('safe.txt\0../../escape.txt'), data: 'x' }]), 'safe.txt\\x00');
  });

  it('a symlink entry pointing out', async () => {
    await expectRefused('link.zip', zip([{ name: 'evil', data: '../../outside', unixMode: 0o120777 }]), 'evil');
  });
});
