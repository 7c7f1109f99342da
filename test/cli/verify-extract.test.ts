// Issue 3 end to end through the real CLI: streamed verification in worker processes, and
// extraction after download, with the JSON lines a script would read.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const body = makeContent(6 * MiB + 777, 31);
const good = sha256(body);

const t = useCliFixture('haul-verify-');
beforeAll(async () => {
  t.server.route('/iso/disk.img', { body, quirks: { throttle: 16 * MiB } });
  t.server.route('/iso/SHA256SUMS', { body: Buffer.from(`${sha256(Buffer.from('other'))}  other.img\n${good}  disk.img\n`) });
  t.server.route('/notes.txt.gz', { body: gzipSync(Buffer.from('hello, archive\n'.repeat(5000))) });
});

const run = (name: string, ...args: string[]) => runCli([...t.getArgs(name), ...args]);

describe('haul get --checksum', () => {
  it('verifies while downloading and reports the digest; the file lands in place', async () => {
    const r = await run('ok', '-x', '4', '--checksum', `sha256=${good}`, t.server.url('/iso/disk.img'));
    expect(r.code, r.stderr).toBe(0);
    const done = r.lines.find((l) => l.type === 'completed')!;
    expect(done.checksum).toEqual({ algo: 'sha256', hex: good, ok: true });
    expect(await sha256File(join(t.root, 'ok', 'disk.img'))).toBe(good);
  });

  it('accepts md5 / sha1 / sha512 and a bare hex that implies the algorithm', async () => {
    const md5 = createHash('md5').update(body).digest('hex');
    const sha512 = createHash('sha512').update(body).digest('hex');
    for (const [i, c] of [`md5:${md5}`, sha512, `SHA1=${createHash('sha1').update(body).digest('hex').toUpperCase()}`].entries()) {
      const r = await run(`algo${i}`, '--checksum', c, t.server.url('/iso/disk.img'));
      expect(r.code, `${c}: ${r.stdout}`).toBe(0);
      expect((r.lines.find((l) => l.type === 'completed')!.checksum as { ok: boolean }).ok).toBe(true);
    }
  });

  it('a mismatch fails with both digests, exit 1, and keeps the file as .part', async () => {
    const wrong = 'ab'.repeat(32);
    const r = await run('bad', '--checksum', `sha256=${wrong}`, t.server.url('/iso/disk.img'));
    expect(r.code).toBe(1);
    const failed = r.lines.find((l) => l.type === 'failed') as { error: { code: string; message: string } };
    expect(failed.error.code).toBe('HAUL_E_CHECKSUM_MISMATCH');
    expect(failed.error.message).toContain(wrong);
    expect(failed.error.message).toContain(good);
    expect(await readdir(join(t.root, 'bad'))).toEqual(['disk.img.part']);
    expect(await sha256File(join(t.root, 'bad', 'disk.img.part'))).toBe(good);
  });

  it('takes the expected digest from a SHA256SUMS file given as a URL', async () => {
    const r = await run('sums', '--checksum-url', t.server.url('/iso/SHA256SUMS'), t.server.url('/iso/disk.img'));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.lines.find((l) => l.type === 'completed')!.checksum).toEqual({ algo: 'sha256', hex: good, ok: true });
  });

  it('rejects a checksum that is not one (usage error, exit 2)', async () => {
    const r = await runCli(['get', '--checksum', 'sha256=xyz', t.server.url('/iso/disk.img')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --checksum/);
  });
});

describe('haul get --extract', () => {
  it('extracts a .gz into a folder beside it and reports where', async () => {
    const r = await run('gz', '--extract', t.server.url('/notes.txt.gz'));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const done = r.lines.find((l) => l.type === 'completed')!;
    expect(done.extractedTo).toBe(join(t.root, 'gz', 'notes.txt'));
    const [inner] = await readdir(done.extractedTo as string);
    expect(await readFile(join(done.extractedTo as string, inner!), 'utf8')).toBe('hello, archive\n'.repeat(5000));
    // The archive itself is still there, untouched.
    expect((await stat(join(t.root, 'gz', 'notes.txt.gz'))).isFile()).toBe(true);
  });

  it('--delete-archive removes the archive after a successful extraction', async () => {
    const r = await run('gzdel', '--extract', '--delete-archive', t.server.url('/notes.txt.gz'));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await readdir(join(t.root, 'gzdel'))).toEqual(['notes.txt']);
  });
});
