// Generated archives of hostile entries (names with "..", absolute paths, drive letters,
// backslashes; links pointing anywhere; files written through links): whatever the extractor
// decides, nothing outside its output folder changes, a refusal leaves no output folder, and a
// success holds only what stays inside.
import { mkdirSync, readlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractArchive } from './index';
import { describeTree, tarArchive, zipArchive, type TarSpec, type ZipSpec } from './test-archives';

const segment = fc.constantFrom('a', 'b', 'pkg', '..', '.', '', 'C:', 'c:', '\\..', '..\\..', 'x\\y', '~', 'dl', 'outside');
const entryName = fc.tuple(fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 4 })).map(([abs, parts]) => (abs ? '/' : '') + parts.join('/'));

type Entry = { kind: 'file' | 'dir' | 'symlink' | 'hardlink'; name: string; target: string };
const entry = fc.record({
  kind: fc.constantFrom<Entry['kind']>('file', 'file', 'dir', 'symlink', 'hardlink'),
  name: entryName,
  target: fc.oneof(entryName, fc.constantFrom('/tmp', '/etc/passwd', '../outside', '../../outside/keep.txt')),
});

function asTar(entries: Entry[]): TarSpec[] {
  return entries.map((e) => {
    if (e.kind === 'file') return { name: e.name, data: `data of ${e.name}` };
    if (e.kind === 'dir') return { name: e.name, type: '5' };
    return { name: e.name, type: e.kind === 'symlink' ? '2' : '1', linkname: e.target };
  });
}

function asZip(entries: Entry[]): ZipSpec[] {
  return entries.map((e) => {
    if (e.kind === 'dir') return { name: e.name.endsWith('/') ? e.name : `${e.name}/`, data: '' };
    // A zip has no hard links; a symlink is a file whose mode says so and whose data is the target.
    if (e.kind === 'file') return { name: e.name, data: `data of ${e.name}` };
    return { name: e.name, data: e.target, unixMode: 0o120777 };
  });
}

/** Every link under `dir` points inside it. */
function linksStayInside(dir: string, tree: Record<string, string>): string[] {
  const bad: string[] = [];
  for (const [rel, what] of Object.entries(tree)) {
    if (!what.startsWith('link:')) continue;
    const path = join(dir, rel);
    const target = readlinkSync(path);
    const to = resolve(dirname(path), target);
    const r = relative(dir, to);
    if (isAbsolute(target) || r.startsWith('..') || isAbsolute(r)) bad.push(`${rel} -> ${target}`);
  }
  return bad;
}

describe('extraction of generated hostile archives', () => {
  it('never changes anything outside its output folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'haul-prop-extract-'));
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.constantFrom('tar', 'tar.gz', 'zip'), async (entries, format) => {
          const tmp = join(root, String(run++));
          const dl = join(tmp, 'dl');
          mkdirSync(dl, { recursive: true });
          mkdirSync(join(tmp, 'outside'));
          writeFileSync(join(tmp, 'outside', 'keep.txt'), 'untouched');
          const archive = join(dl, `test.${format}`);
          const bytes = format === 'zip' ? zipArchive(asZip(entries)) : tarArchive(asTar(entries));
          writeFileSync(archive, format === 'tar.gz' ? gzipSync(bytes) : bytes);
          const before = describeTree(tmp);

          const result = await extractArchive({ archive }).then(
            (r) => ({ ok: true as const, outputDir: r.outputDir }),
            (err: unknown) => ({ ok: false as const, err }),
          );
          const after = describeTree(tmp);
          if (!result.ok) {
            // A refusal names a known reason and leaves the tree exactly as it was.
            expect((result.err as { code?: string }).code).toMatch(/^HAUL_E_ARCHIVE_(UNSAFE|CORRUPT|LIMIT)$/);
            expect(after).toEqual(before);
            return;
          }
          expect(dirname(result.outputDir)).toBe(dl);
          const prefix = relative(tmp, result.outputDir).split('\\').join('/');
          for (const [rel, what] of Object.entries(after)) {
            if (rel === prefix || rel.startsWith(`${prefix}/`)) continue;
            expect(what, `${rel} changed outside the output folder`).toBe(before[rel]);
          }
          expect(Object.keys(after).filter((k) => !(k in before) && k !== prefix && !k.startsWith(`${prefix}/`))).toEqual([]);
          expect(lstatSync(result.outputDir).isDirectory()).toBe(true);
          expect(linksStayInside(result.outputDir, describeTree(result.outputDir))).toEqual([]);
        }),
        { numRuns: 150 },
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
