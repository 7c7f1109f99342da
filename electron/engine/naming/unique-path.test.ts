import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HaulError } from '../../../shared/errors';
import { isInside, reserveUniquePath } from './unique-path';

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'haul-unique-'));
  dir = path.join(root, 'downloads');
  await mkdir(dir);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function touch(...names: string[]): Promise<void> {
  await Promise.all(names.map((n) => writeFile(path.join(dir, n), 'x')));
}

describe('reserveUniquePath', () => {
  it('returns the name itself when free, without creating anything', async () => {
    const p = await reserveUniquePath(dir, 'a.txt');
    expect(p).toBe(path.join(dir, 'a.txt'));
    expect(await readdir(dir)).toEqual([]);
  });

  it('numbers conflicts like browsers do', async () => {
    await touch('a.txt', 'a (1).txt', 'a (3).txt');
    expect(await reserveUniquePath(dir, 'a.txt')).toBe(path.join(dir, 'a (2).txt'));
  });

  it('keeps .tar.gz together', async () => {
    await touch('src.tar.gz');
    expect(await reserveUniquePath(dir, 'src.tar.gz')).toBe(path.join(dir, 'src (1).tar.gz'));
  });

  it('treats an existing .part as taken', async () => {
    await touch('disk.iso.part', 'disk (1).iso');
    expect(await reserveUniquePath(dir, 'disk.iso')).toBe(path.join(dir, 'disk (2).iso'));
  });

  it('skips names other jobs reserved', async () => {
    const reserved = new Set([path.join(dir, 'c.txt'), path.join(dir, 'c (1).txt')]);
    expect(await reserveUniquePath(dir, 'c.txt', (p) => reserved.has(p))).toBe(path.join(dir, 'c (2).txt'));
  });

  it('counts a dangling symlink and a directory as taken', async () => {
    await symlink(path.join(root, 'missing-target'), path.join(dir, 'link.bin'));
    await mkdir(path.join(dir, 'link (1).bin'));
    expect(await reserveUniquePath(dir, 'link.bin')).toBe(path.join(dir, 'link (2).bin'));
  });

  it('keeps a long name short enough for its .part sibling', async () => {
    const p = await reserveUniquePath(dir, 'é'.repeat(125) + '.bin');
    expect(path.basename(p)).toBe('é'.repeat(123) + '.bin');
    // The engine will create exactly this file: it must be creatable.
    await writeFile(p + '.part', 'x');
  });

  it('shortens the stem, not the number or extension, when numbering a long name', async () => {
    const name = 'é'.repeat(123) + '.bin';
    await touch(name);
    const base = path.basename(await reserveUniquePath(dir, name));
    expect(base).toBe('é'.repeat(121) + ' (1).bin');
    expect(Buffer.byteLength(base + '.part')).toBeLessThanOrEqual(255);
  });

  it('resolves a relative dir to an absolute path', async () => {
    const p = await reserveUniquePath(path.relative(process.cwd(), dir), 'r.txt');
    expect(p).toBe(path.join(dir, 'r.txt'));
  });

  it.each(['../evil.txt', '..', '.', '', 'sub/x.txt', '/etc/passwd', 'nul\0byte'])(
    'refuses %j, which would not land directly inside dir',
    async (name) => {
      const err = await reserveUniquePath(dir, name).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HaulError);
      expect((err as HaulError).code).toBe('HAUL_E_INVALID_INPUT');
      expect(await readdir(root)).toEqual(['downloads']);
    },
  );
});

describe('isInside', () => {
  it.each([
    ['/a/b', '/a/b/c.txt', true],
    ['/a/b', '/a/b/..c', true],
    ['/a/b/', '/a/b/sub/c', true],
    ['/a/b', '/a/b', false],
    ['/a/b', '/a/bc/d', false],
    ['/a/b', '/a/b/../c', false],
    ['/a/b', '/etc/passwd', false],
  ])('isInside(%s, %s) = %s', (d, p, expected) => {
    expect(isInside(d, p)).toBe(expected);
  });
});
