import { randomBytes } from 'node:crypto';
import { chown, link, lstat, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HaulError } from '../../../shared/errors';
import { PartFile, fileSize, fsError, moveIntoPlace, ownFileSize, removeQuietly } from './part-file';
import { nameTaken } from './unsafe-files';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'haul-part-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Awaits a promise that must reject with a HaulError, and returns that error. */
async function haulError(p: Promise<unknown>): Promise<HaulError> {
  const err: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HaulError);
  return err as HaulError;
}

describe('PartFile', () => {
  it('creates a missing file, empty', async () => {
    const p = path.join(dir, 'new.bin.part');
    const part = await PartFile.open(p);
    expect(await part.size()).toBe(0);
    await part.close();
    expect((await stat(p)).size).toBe(0);
  });

  it('opens an existing file without truncating it, and writes at offsets (not appends)', async () => {
    const p = path.join(dir, 'resume.bin.part');
    await writeFile(p, 'hello world');
    const part = await PartFile.open(p);
    expect(await part.size()).toBe(11);
    await part.write(Buffer.from('WORLD'), 6);
    await part.write(Buffer.from('H'), 0);
    await part.close();
    expect(await readFile(p, 'utf8')).toBe('Hello WORLD');
  });

  it('writes from many concurrent callers each land at their own offset', async () => {
    const p = path.join(dir, 'multi.bin.part');
    const piece = 64 * 1024 + 17; // odd size: boundaries do not fall on pages
    const count = 24;
    const expected = randomBytes(piece * count);
    const part = await PartFile.open(p);
    // Out of order, all in flight at once, each split in two writes like a connection's chunks.
    const order = Array.from({ length: count }, (_, i) => (i * 7) % count);
    await Promise.all(
      order.map(async (i) => {
        const start = i * piece;
        await part.write(expected.subarray(start, start + 1000), start);
        await part.write(expected.subarray(start + 1000, start + piece), start + 1000);
      }),
    );
    await part.sync();
    await part.close();
    expect((await readFile(p)).equals(expected)).toBe(true);
  });

  it('a write past the end leaves zeros before it', async () => {
    const p = path.join(dir, 'sparse.bin.part');
    const part = await PartFile.open(p);
    await part.write(Buffer.from('tail'), 1000);
    expect(await part.size()).toBe(1004);
    await part.close();
    const data = await readFile(p);
    expect(data.subarray(0, 1000).every((b) => b === 0)).toBe(true);
    expect(data.subarray(1000).toString()).toBe('tail');
  });

  it('truncate shortens to a length, or empties by default', async () => {
    const p = path.join(dir, 'trunc.bin.part');
    const part = await PartFile.open(p);
    await part.write(Buffer.from('0123456789'), 0);
    await part.truncate(4);
    expect(await part.size()).toBe(4);
    await part.truncate();
    expect(await part.size()).toBe(0);
    await part.write(Buffer.from('ab'), 0);
    await part.sync();
    await part.close();
    expect(await readFile(p, 'utf8')).toBe('ab');
  });

  it('close twice is harmless', async () => {
    const part = await PartFile.open(path.join(dir, 'c.part'));
    await part.close();
    await expect(part.close()).resolves.toBeUndefined();
  });

  it('a full disk is HAUL_E_DISK_FULL with a message that says what to do', async () => {
    // /dev/full answers every write with a real ENOSPC.
    const part = await PartFile.open('/dev/full');
    try {
      const err = await haulError(part.write(Buffer.alloc(4096, 1), 0));
      expect(err.code).toBe('HAUL_E_DISK_FULL');
      expect(err.message).toContain('/dev/full');
      expect(err.message).toMatch(/disk full/i);
      expect(err.message).toMatch(/resume/i);
      expect((err.cause as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      await part.close();
    }
  });

  it('a path that cannot be created is HAUL_E_NOT_WRITABLE', async () => {
    const file = path.join(dir, 'plain-file');
    await writeFile(file, 'x');
    const target = path.join(file, 'x.part'); // a regular file as a folder: ENOTDIR, even as root
    const err = await haulError(PartFile.open(target));
    expect(err.code).toBe('HAUL_E_NOT_WRITABLE');
    expect(err.message).toContain(target);
  });

  it('a download folder that is a file says so', async () => {
    const file = path.join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    for (const folder of [file, path.join(file, 'below')]) {
      const err = await haulError(PartFile.openIn(folder, path.join(folder, 'x.part'), true));
      expect(err.code).toBe('HAUL_E_NOT_WRITABLE');
      expect(err.message).toBe(`Cannot save into ${folder}: it is a file, not a folder.`);
    }
  });

  it('a missing folder is HAUL_E_NOT_WRITABLE too', async () => {
    const err = await haulError(PartFile.open(path.join(dir, 'no', 'such', 'dir', 'f.part')));
    expect(err.code).toBe('HAUL_E_NOT_WRITABLE');
  });
});

// Someone who can write to the download folder puts a link named like the .part, to make Haul
// write a download into another file. Real links on disk; the other file must stay as it was.
describe.skipIf(process.platform === 'win32')('PartFile and what others put in its place', () => {
  async function victim(): Promise<string> {
    const file = path.join(dir, 'victim.txt');
    await writeFile(file, 'keep me');
    return file;
  }

  for (const fresh of [true, false]) {
    const when = fresh ? 'starting afresh' : 'resuming';
    it(`refuses a symbolic link in place of the .part when ${when}, naming it and where it points`, async () => {
      const target = await victim();
      const p = path.join(dir, 'big.iso.part');
      await symlink(target, p);
      const err = await haulError(PartFile.open(p, fresh));
      expect(err.code).toBe('HAUL_E_UNSAFE_PATH');
      expect(err.message).toBe(
        `${p} is a symbolic link to ${target}, not a file Haul made: someone may have put it there to make Haul write into another file. Haul did not follow it and wrote nothing; remove it, then try again.`,
      );
      expect(await readFile(target, 'utf8')).toBe('keep me');
      expect(await readlink(p)).toBe(target);
    });

    it(`refuses a link to nothing yet when ${when}, and creates nothing where it points`, async () => {
      const target = path.join(dir, 'made-by-haul.txt');
      const p = path.join(dir, 'dangling.part');
      await symlink(target, p);
      expect((await haulError(PartFile.open(p, fresh))).code).toBe('HAUL_E_UNSAFE_PATH');
      expect(await fileSize(target)).toBeNull();
    });

    it(`refuses a hard link to another file when ${when}, without emptying either`, async () => {
      const target = await victim();
      const p = path.join(dir, 'hard.part');
      await link(target, p);
      const err = await haulError(PartFile.open(p, fresh));
      expect(err.code).toBe('HAUL_E_UNSAFE_PATH');
      expect(err.message).toBe(`${p} has 2 hard links: writing it would change another file too. Haul wrote nothing to it; remove it, then try again.`);
      expect(await readFile(target, 'utf8')).toBe('keep me');
    });
  }

  // Only root can give a file to another user; elsewhere such a file cannot be made here.
  it.runIf(process.getuid?.() === 0)('refuses a file of another user in place of the .part, without emptying it', async () => {
    const p = path.join(dir, 'theirs.part');
    await writeFile(p, 'their bytes');
    await chown(p, 4321, 4321);
    for (const fresh of [true, false]) {
      const err = await haulError(PartFile.open(p, fresh));
      expect(err.code).toBe('HAUL_E_UNSAFE_PATH');
      expect(err.message).toBe(`${p} belongs to another user (uid 4321), so Haul did not make it. Haul wrote nothing to it; remove it, then try again.`);
    }
    expect(await readFile(p, 'utf8')).toBe('their bytes');
  });

  it('still empties its own .part when starting afresh, and keeps it when resuming', async () => {
    const p = path.join(dir, 'own.part');
    await writeFile(p, 'earlier bytes');
    const kept = await PartFile.open(p, false);
    expect(await kept.size()).toBe(13);
    await kept.close();
    const emptied = await PartFile.open(p, true);
    expect(await emptied.size()).toBe(0);
    await emptied.close();
  });

  it('at the finished name, a link is refused (the .part is named as kept), a file is taken, nothing is free', async () => {
    const target = await victim();
    const name = path.join(dir, 'big.iso');
    expect(await nameTaken(name, `${name}.part`)).toBe(false);
    await symlink(target, name);
    const err = await haulError(nameTaken(name, `${name}.part`));
    expect(err.code).toBe('HAUL_E_UNSAFE_PATH');
    expect(err.message).toBe(
      `${name} is a symbolic link to ${target}, not a file Haul made: someone may have put it there to make Haul write into another file. Haul did not replace it; the download is kept whole in ${name}.part. Remove the link, then try again.`,
    );
    expect(await nameTaken(target, `${target}.part`)).toBe(true);
    // A link is never taken for a finished file, whatever it points to.
    expect(await ownFileSize(name)).toBeNull();
    expect(await ownFileSize(target)).toBe(7);
    expect((await lstat(name)).isSymbolicLink()).toBe(true);
  });
});

describe('part-file helpers', () => {
  it('moveIntoPlace renames and reports a bad target as not writable', async () => {
    const from = path.join(dir, 'a.bin.part');
    const to = path.join(dir, 'a.bin');
    await writeFile(from, 'data');
    await moveIntoPlace(from, to);
    expect(await readFile(to, 'utf8')).toBe('data');
    expect(await fileSize(from)).toBeNull();

    const err = await haulError(moveIntoPlace(to, path.join(dir, 'missing', 'a.bin')));
    expect(err.code).toBe('HAUL_E_NOT_WRITABLE');
    expect(await readFile(to, 'utf8')).toBe('data');
  });

  it('fileSize is null for a missing file', async () => {
    await writeFile(path.join(dir, 'f'), '12345');
    expect(await fileSize(path.join(dir, 'f'))).toBe(5);
    expect(await fileSize(path.join(dir, 'nope'))).toBeNull();
  });

  it('removeQuietly removes, and ignores a missing file', async () => {
    const f = path.join(dir, 'gone');
    await writeFile(f, 'x');
    await removeQuietly(f);
    await removeQuietly(f);
    expect(await fileSize(f)).toBeNull();
  });

  it('fsError maps quota to disk full, keeps HaulErrors, and wraps the unknown as internal', () => {
    const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: boom`), { code });
    expect(fsError(errno('EDQUOT'), '/x').code).toBe('HAUL_E_DISK_FULL');
    for (const code of ['EACCES', 'EPERM', 'EROFS', 'EISDIR']) expect(fsError(errno(code), '/x').code).toBe('HAUL_E_NOT_WRITABLE');
    const own = new HaulError('HAUL_E_CANCELLED', 'Stopped.');
    expect(fsError(own, '/x')).toBe(own);
    const odd = fsError(errno('EIO'), '/x/y');
    expect(odd.code).toBe('HAUL_E_INTERNAL');
    expect(odd.message).toContain('/x/y');
    expect(fsError('weird', '/x').code).toBe('HAUL_E_INTERNAL');
  });
});
