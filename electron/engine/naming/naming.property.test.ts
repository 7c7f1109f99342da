// Generated hostile names (from Content-Disposition, the URL, the user) through the whole naming
// path: whatever a server sends, the file is one safe name, directly inside the chosen folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseFileName } from './choose-file-name';
import { MAX_NAME_BYTES } from './file-name-parts';
import { isInside, PART_SUFFIX, reserveUniquePath } from './unique-path';

const HOSTILE = [
  '../', '..\\', '/', '\\', '..', '.', ' ', '/etc/passwd', 'C:\\Windows\\', 'C:', '\\\\server\\share\\', '%2e%2e%2f', '%2F',
  '%00', '\0', '\n', '\r\n', '\t', '\u202e', '\u2066', '\u200b', '\ufeff', '\ud800', 'CON', 'nul.txt', 'COM1', 'lpt¹', '.exe',
  '.tar.gz', '"', "'", ';', '*', '?', ':', '<', '>', '|', 'filename=', "UTF-8''", '=?UTF-8?B?Li4vLi4v?=', 'é', '😀', '\u0301',
];
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 100, maxLength: 400 }) },
);
const hostile = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(''));

const disposition = fc.oneof(
  hostile.map((n) => `attachment; filename="${n}"`),
  hostile.map((n) => `attachment; filename*=UTF-8''${encodeURIComponent(n.replace(/[\ud800-\udfff]/g, ''))}`),
  hostile.map((n) => `attachment; filename*=UTF-8''${n}`),
  hostile,
);
const url = hostile.map((p) => {
  try {
    return new URL(`http://files.example/${p}`).href;
  } catch {
    return 'http://files.example/';
  }
});

/** Everything a user checks of a saved file's name. Returns what is wrong, or []. */
function problems(name: string): string[] {
  const out: string[] = [];
  if (name === '' || name === '.' || name === '..') out.push('empty or dots');
  if (/[/\\<>:"|?*]/.test(name)) out.push('a separator or a character Windows refuses');
  if (/[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069\u200e\u200f\ufeff]/u.test(name)) out.push('a control, bidi or invisible character');
  if (/[ .]$/.test(name) || /^ /.test(name)) out.push('a leading space or a trailing dot or space');
  if (/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\s*\.|\s*$)/iu.test(name)) out.push('a Windows device name');
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) out.push('longer than 255 bytes');
  if (name !== name.normalize('NFC')) out.push('not NFC');
  return out;
}

describe('file names from hostile input', () => {
  const folder = '/downloads/user';

  it('are always one safe name that stays in the folder', () => {
    fc.assert(
      fc.property(fc.option(hostile), fc.option(disposition), url, fc.option(fc.constantFrom('application/zip', 'text/html', 'x/../../y', '')), (requested, cd, finalUrl, type) => {
        const name = chooseFileName({ requested, contentDisposition: cd, finalUrl, contentType: type });
        expect(problems(name)).toEqual([]);
        const path = join(folder, name);
        expect(isInside(folder, path)).toBe(true);
        expect(dirname(path)).toBe(folder);
      }),
      { numRuns: 2000 },
    );
  });

  describe('with a real folder', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'haul-names-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reserve a path directly inside it whose .part also fits the name limit', async () => {
      await fc.assert(
        fc.asyncProperty(fc.option(disposition), url, async (cd, finalUrl) => {
          const name = chooseFileName({ contentDisposition: cd, finalUrl });
          const path = await reserveUniquePath(dir, name);
          expect(dirname(path)).toBe(dir);
          expect(problems(basename(path))).toEqual([]);
          expect(Buffer.byteLength(basename(path) + PART_SUFFIX)).toBeLessThanOrEqual(MAX_NAME_BYTES);
        }),
        { numRuns: 300 },
      );
    });
  });
});
