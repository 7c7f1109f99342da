// Extraction of every supported kind into a new folder beside the archive, checked by content
// hash against the tree the archive was made from.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { create as createTar } from 'tar';
import { describe, expect, it } from 'vitest';
import { detectArchiveKind, extractArchive, type ExtractProgress } from './index';
import { describeTree, gzipWithName, sha256File, tarArchive, TINY_TAR_BZ2, TINY_TAR_XZ, TINY_TREE, zipArchive } from './test-archives';
import { useExtractDirs } from './extract-test-dirs';

const dirs = useExtractDirs('haul-extract-');

const TREE: Record<string, Buffer> = {
  'pkg/readme.md': Buffer.from('# hello\n'),
  'pkg/src/index.js': Buffer.from('export const x = 1;\n'.repeat(500)),
  'pkg/src/deep/er/data.bin': Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251)),
  'pkg/empty.txt': Buffer.alloc(0),
  'pkg/ünïcødé 名前.txt': Buffer.from('utf-8 names survive\n'),
};

function writeTree(root: string, tree: Record<string, Buffer>): void {
  for (const [rel, data] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), data);
  }
}

/** Source tree on disk plus a plain tar of it; returns the source root. */
async function makeSource(tree = TREE): Promise<string> {
  const src = join(dirs.tmp, 'src');
  writeTree(src, tree);
  await createTar({ file: join(dirs.tmp, 'src.tar'), cwd: src, portable: true }, ['pkg']);
  return src;
}

const hasTool = (tool: string): boolean => spawnSync(tool, ['--version']).status === 0;

describe('extractArchive: every kind', () => {
  it('tar, tar.gz and tgz extract into a folder named after the archive, content identical', async () => {
    const src = await makeSource();
    await createTar({ file: join(dirs.dl, 'plain.tar'), cwd: src, portable: true }, ['pkg']);
    await createTar({ file: join(dirs.dl, 'bundle.tar.gz'), cwd: src, gzip: true, portable: true }, ['pkg']);
    await createTar({ file: join(dirs.dl, 'short.tgz'), cwd: src, gzip: true, portable: true }, ['pkg']);
    const want = describeTree(src);
    for (const [name, folder, kind] of [
      ['plain.tar', 'plain', 'tar'],
      ['bundle.tar.gz', 'bundle', 'tar.gz'],
      ['short.tgz', 'short', 'tar.gz'],
    ] as const) {
      const before = sha256File(join(dirs.dl, name));
      const r = await extractArchive({ archive: join(dirs.dl, name) });
      expect(r.outputDir).toBe(join(dirs.dl, folder));
      expect(r.kind).toBe(kind);
      expect(describeTree(r.outputDir)).toEqual(want);
      expect(r.bytes).toBe(Object.values(TREE).reduce((n, b) => n + b.length, 0));
      expect(sha256File(join(dirs.dl, name))).toBe(before); // the archive is never modified
    }
  });

  it('zip extracts with nested folders, unix modes and UTF-8 names', async () => {
    const specs = Object.entries(TREE).map(([name, data]) => ({ name, data, unixMode: name.endsWith('.js') ? 0o100755 : 0o100644 }));
    specs.push({ name: 'pkg/stored.txt', data: Buffer.from('stored, not deflated'), unixMode: 0o100644, method: 0 } as (typeof specs)[0]);
    writeFileSync(join(dirs.dl, 'bar.zip'), zipArchive([{ name: 'pkg/', unixMode: 0o40755 }, ...specs]));
    const r = await extractArchive({ archive: join(dirs.dl, 'bar.zip') });
    expect(r.outputDir).toBe(join(dirs.dl, 'bar'));
    expect(r.kind).toBe('zip');
    const src = join(dirs.tmp, 'src');
    writeTree(src, { ...TREE, 'pkg/stored.txt': Buffer.from('stored, not deflated') });
    expect(describeTree(r.outputDir)).toEqual(describeTree(src));
    expect(r.entries).toBe(7);
  });

  it('tar.bz2 and tar.xz (tiny fixtures made by bzip2 and xz)', async () => {
    writeFileSync(join(dirs.dl, 'tiny.tar.bz2'), TINY_TAR_BZ2);
    writeFileSync(join(dirs.dl, 'tiny.txz'), TINY_TAR_XZ);
    const src = join(dirs.tmp, 'src');
    writeTree(src, TINY_TREE);
    for (const [name, kind] of [['tiny.tar.bz2', 'tar.bz2'], ['tiny.txz', 'tar.xz']] as const) {
      const r = await extractArchive({ archive: join(dirs.dl, name) });
      expect(r.kind).toBe(kind);
      expect(r.outputDir).toBe(join(dirs.dl, 'tiny'));
      expect(describeTree(r.outputDir)).toEqual(describeTree(src));
      await rm(r.outputDir, { recursive: true });
    }
  });

  // Real archives from the real tools (.ci/run installs bzip2 and xz-utils when missing).
  it('multi-block bzip2, concatenated bzip2 streams and xz made by the CLI tools', async () => {
    expect(hasTool('bzip2') && hasTool('xz'), 'this test needs the bzip2 and xz commands').toBe(true);
    // 2.3 MB of text-like data: many 100 kB bzip2 blocks (-1), so blocks stream one by one.
    const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
    const text = Buffer.from(Array.from({ length: 400_000 }, () => words[randomInt(words.length)]).join(' '));
    const src = await makeSource({ 'pkg/big.txt': text, 'pkg/small/a.txt': Buffer.from('a') });
    const tar = readFileSync(join(dirs.tmp, 'src.tar'));
    const run = (cmd: string, args: string[], input: Buffer): Buffer => spawnSync(cmd, args, { input, maxBuffer: 1 << 30 }).stdout;
    writeFileSync(join(dirs.dl, 'multi.tar.bz2'), run('bzip2', ['-1', '-c'], tar));
    const half = Math.floor(tar.length / 2);
    // pbzip2 and `cat a.bz2 b.bz2` produce several streams back to back.
    writeFileSync(join(dirs.dl, 'concat.tbz2'), Buffer.concat([run('bzip2', ['-c'], tar.subarray(0, half)), run('bzip2', ['-c'], tar.subarray(half))]));
    writeFileSync(join(dirs.dl, 'big.tar.xz'), run('xz', ['-c', '-T1'], tar));
    for (const name of ['multi.tar.bz2', 'concat.tbz2', 'big.tar.xz']) {
      const r = await extractArchive({ archive: join(dirs.dl, name) });
      expect(describeTree(r.outputDir), name).toEqual(describeTree(src));
    }
  });

  it('a plain .gz becomes one file inside the folder, named from FNAME when safe', async () => {
    const data = Buffer.from('col1,col2\n1,2\n'.repeat(1000));
    writeFileSync(join(dirs.dl, 'notes.csv.gz'), gzipSync(data));
    writeFileSync(join(dirs.dl, 'named.gz'), gzipWithName(data, 'original.csv'));
    writeFileSync(join(dirs.dl, 'sneaky.gz'), gzipWithName(data, '../../escape.csv'));
    const plain = await extractArchive({ archive: join(dirs.dl, 'notes.csv.gz') });
    expect(plain.kind).toBe('gz');
    expect(readFileSync(join(dirs.dl, 'notes.csv', 'notes.csv'))).toEqual(data);
    await extractArchive({ archive: join(dirs.dl, 'named.gz') });
    expect(readFileSync(join(dirs.dl, 'named', 'original.csv'))).toEqual(data);
    // A path in FNAME is not "safe": the archive's own name is used instead.
    await extractArchive({ archive: join(dirs.dl, 'sneaky.gz') });
    expect(describeTree(join(dirs.dl, 'sneaky'))).toEqual({ sneaky: expect.stringMatching(/^file:/) });
    expect(existsSync(join(dirs.tmp, 'escape.csv'))).toBe(false);
  });

  it('a taken folder name becomes "foo (1)", then "foo (2)"', async () => {
    writeFileSync(join(dirs.dl, 'foo.tar'), tarArchive([{ name: 'a.txt', data: 'A' }]));
    mkdirSync(join(dirs.dl, 'foo'));
    const one = await extractArchive({ archive: join(dirs.dl, 'foo.tar') });
    const two = await extractArchive({ archive: join(dirs.dl, 'foo.tar') });
    expect([one.outputDir, two.outputDir]).toEqual([join(dirs.dl, 'foo (1)'), join(dirs.dl, 'foo (2)')]);
    expect(readFileSync(join(dirs.dl, 'foo (2)', 'a.txt'), 'utf8')).toBe('A');
  });

  it('with a workDir, extracts there and renames it to the new folder once complete, replacing an interrupted attempt', async () => {
    writeFileSync(join(dirs.dl, 'app.tar'), tarArchive([{ name: 'bin/tool', data: 'v2' }]));
    const workDir = join(dirs.dl, 'app.tar.extracting');
    // What a killed worker leaves: a half-written tree in the work folder.
    mkdirSync(join(workDir, 'bin'), { recursive: true });
    writeFileSync(join(workDir, 'bin', 'tool'), 'half');
    writeFileSync(join(workDir, 'stale.txt'), 'from the interrupted attempt');
    const r = await extractArchive({ archive: join(dirs.dl, 'app.tar'), workDir });
    expect(r.outputDir).toBe(join(dirs.dl, 'app'));
    expect(readdirSync(r.outputDir, { recursive: true }).sort()).toEqual(['bin', join('bin', 'tool')]);
    expect(readFileSync(join(r.outputDir, 'bin', 'tool'), 'utf8')).toBe('v2');
    expect(existsSync(workDir)).toBe(false);
    // A taken name still gets "(1)"; a failure leaves neither folder.
    expect((await extractArchive({ archive: join(dirs.dl, 'app.tar'), workDir })).outputDir).toBe(join(dirs.dl, 'app (1)'));
    writeFileSync(join(dirs.dl, 'bad.tar'), tarArchive([{ name: 'ok.txt', data: 'x' }, { name: '../escape.txt', data: 'x' }]));
    await expect(extractArchive({ archive: join(dirs.dl, 'bad.tar'), workDir: join(dirs.dl, 'bad.tar.extracting') })).rejects.toMatchObject({ code: 'HAUL_E_ARCHIVE_UNSAFE' });
    expect(readdirSync(dirs.dl).sort()).toEqual(['app', 'app (1)', 'app.tar', 'bad.tar']);
  });

  it('parentDir puts the folder elsewhere; deleteArchiveAfter removes the archive only on success', async () => {
    const elsewhere = join(dirs.tmp, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(dirs.dl, 'ok.tar'), tarArchive([{ name: 'a.txt', data: 'A' }]));
    writeFileSync(join(dirs.dl, 'bad.tar'), tarArchive([{ name: '../a.txt', data: 'A' }]));
    const r = await extractArchive({ archive: join(dirs.dl, 'ok.tar'), parentDir: elsewhere, deleteArchiveAfter: true });
    expect(r.outputDir).toBe(join(elsewhere, 'ok'));
    expect(r.archiveDeleted).toBe(true);
    expect(existsSync(join(dirs.dl, 'ok.tar'))).toBe(false);
    await expect(extractArchive({ archive: join(dirs.dl, 'bad.tar'), deleteArchiveAfter: true })).rejects.toMatchObject({ code: 'HAUL_E_ARCHIVE_UNSAFE' });
    expect(existsSync(join(dirs.dl, 'bad.tar'))).toBe(true);
  });

  it('content decides over a wrong name; an unknown file is unsupported', async () => {
    const src = await makeSource();
    await createTar({ file: join(dirs.dl, 'mislabeled.zip'), cwd: src, gzip: true, portable: true }, ['pkg']);
    const r = await extractArchive({ archive: join(dirs.dl, 'mislabeled.zip') });
    expect(r.kind).toBe('tar.gz');
    expect(describeTree(r.outputDir)).toEqual(describeTree(src));
    writeFileSync(join(dirs.dl, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await expect(extractArchive({ archive: join(dirs.dl, 'photo.jpg') })).rejects.toMatchObject({ code: 'HAUL_E_ARCHIVE_UNSUPPORTED' });
    expect(existsSync(join(dirs.dl, 'photo'))).toBe(false);
  });

  it('symbolic and hard links that stay inside are kept; devices and FIFOs are skipped', async () => {
    writeFileSync(
      join(dirs.dl, 'links.tar'),
      tarArchive([
        { name: 'app/bin/', type: '5' },
        { name: 'app/lib/tool.js', data: 'tool' },
        { name: 'app/bin/tool', type: '2', linkname: '../lib/tool.js' },
        { name: 'app/lib/same.js', type: '1', linkname: 'app/lib/tool.js' },
        { name: 'app/dev/null', type: '3' },
        { name: 'app/fifo', type: '6' },
      ]),
    );
    const r = await extractArchive({ archive: join(dirs.dl, 'links.tar') });
    expect(r.skipped).toBe(2);
    expect(describeTree(r.outputDir)).toMatchObject({ 'app/bin/tool': 'link:../lib/tool.js' });
    expect(readFileSync(join(r.outputDir, 'app/bin/tool'), 'utf8')).toBe('tool');
    expect(readFileSync(join(r.outputDir, 'app/lib/same.js'), 'utf8')).toBe('tool');
    expect(existsSync(join(r.outputDir, 'app/fifo'))).toBe(false);
  });

  it('reports progress at most ~10 times a second, ending with the totals', async () => {
    await makeSource();
    const events: ExtractProgress[] = [];
    const r = await extractArchive({ archive: join(dirs.tmp, 'src.tar'), parentDir: dirs.dl, onProgress: (p) => events.push(p) });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ entries: r.entries, bytes: r.bytes, totalBytes: null, totalEntries: null });
    expect(last.archiveRead).toBe(last.archiveSize);
    expect(events.length).toBeLessThanOrEqual(3); // a fast run: the first, maybe one more, and the final one
  });

  it('a zip says from its first report how many entries it holds', async () => {
    const specs = Array.from({ length: 40 }, (_, i) => ({ name: `many/file-${i}.txt`, data: Buffer.alloc(2048, i) }));
    writeFileSync(join(dirs.dl, 'many.zip'), zipArchive(specs));
    const events: ExtractProgress[] = [];
    const r = await extractArchive({ archive: join(dirs.dl, 'many.zip'), onProgress: (p) => events.push(p) });
    expect(r.entries).toBe(40);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.totalEntries).toBe(40);
    expect(events.at(-1)!.entries).toBe(40);
  });

  it('detectArchiveKind goes by name', () => {
    expect(['a.zip', 'a.tar', 'a.tar.gz', 'a.TGZ', 'a.gz', 'a.tar.bz2', 'a.tbz2', 'a.tar.xz', 'a.txz', 'a.xz', 'a.txt', '.gz'].map(detectArchiveKind)).toEqual(
      ['zip', 'tar', 'tar.gz', 'tar.gz', 'gz', 'tar.bz2', 'tar.bz2', 'tar.xz', 'tar.xz', null, null, null],
    );
  });
});

describe('zip files written in the background', () => {
  it('keep archive order: a later duplicate wins, and a file then a folder of its name fails with nothing left', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ name: `d${i % 9}/f${i}.txt`, data: `file ${i}\n`.repeat(i) }));
    writeFileSync(join(dirs.dl, 'dup.zip'), zipArchive([...many, { name: 'd1/f1.txt', data: 'second' }]));
    const ok = await extractArchive({ archive: join(dirs.dl, 'dup.zip') });
    expect(ok.entries).toBe(301);
    expect(readFileSync(join(ok.outputDir, 'd1/f1.txt'), 'utf8')).toBe('second');
    expect(readFileSync(join(ok.outputDir, 'd2/f299.txt'), 'utf8')).toBe('file 299\n'.repeat(299));

    writeFileSync(join(dirs.dl, 'clash.zip'), zipArchive([...many, { name: 'd2/f2.txt/inner', data: 'x' }]));
    const err = await extractArchive({ archive: join(dirs.dl, 'clash.zip') }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'HAUL_E_ARCHIVE_CORRUPT', message: expect.stringContaining('both a file and a folder') });
    expect(existsSync(join(dirs.dl, 'clash'))).toBe(false);
  });
});
