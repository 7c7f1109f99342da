// Extraction safety and worker hygiene through the real CLI and real worker processes.
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tarArchive, zipArchive } from '../../electron/workers/extract/test-archives';
import { runCli, startCli } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import { makeContent, sha256 } from '../helpers/test-content';
import { waitUntil } from '../helpers/wait-until';

const t = useCliFixture('haul-post-');

const run = (name: string, ...args: string[]) => runCli(['get', '--json', '--db', join(t.root, `${name}.db`), '-d', join(t.root, name, 'dl'), ...args]);

describe('extraction through the CLI', () => {
  it('extracts a zip with nested folders into a folder named after it', async () => {
    const zip = zipArchive([
      { name: 'docs/readme.txt', data: 'read me' },
      { name: 'docs/deep/er/x.bin', data: makeContent(100_000, 4) },
      { name: 'top.txt', data: 'top' },
    ]);
    t.server.route('/bundle.zip', { body: zip });
    const r = await run('zip', '--extract', t.server.url('/bundle.zip'));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = join(t.root, 'zip', 'dl', 'bundle');
    expect(r.lines.find((l) => l.type === 'completed')!.extractedTo).toBe(out);
    expect((await readdir(out)).sort()).toEqual(['docs', 'top.txt']);
    expect(await readdir(join(out, 'docs', 'deep', 'er'))).toEqual(['x.bin']);
  });

  it('a hostile archive writes nothing outside, fails with a clear message, and keeps the archive', async () => {
    const tgz = gzipSync(tarArchive([{ name: 'ok.txt', data: 'fine' }, { name: '../../escaped.txt', data: 'pwned' }]));
    t.server.route('/evil.tar.gz', { body: tgz });
    const r = await run('evil', '--extract', t.server.url('/evil.tar.gz'));
    expect(r.code).toBe(1);
    const failed = r.lines.find((l) => l.type === 'failed') as { error: { code: string; message: string } };
    expect(failed.error.code).toBe('HAUL_E_ARCHIVE_UNSAFE');
    expect(failed.error.message).toContain('escaped.txt');
    // Only the archive remains: no partial folder, nothing beside or above the download folder.
    expect(await readdir(join(t.root, 'evil', 'dl'))).toEqual(['evil.tar.gz']);
    expect(await readdir(join(t.root, 'evil'))).toEqual(['dl']);
    expect((await readdir(t.root)).includes('escaped.txt')).toBe(false);
    expect(sha256(await readFile(join(t.root, 'evil', 'dl', 'evil.tar.gz')))).toBe(sha256(tgz));
  });

  it('a corrupt archive fails clearly and the download itself is kept', async () => {
    t.server.route('/broken.tar.gz', { body: gzipSync(tarArchive([{ name: 'a.txt', data: 'x'.repeat(5000) }])).subarray(0, 60) });
    const r = await run('broken', '--extract', t.server.url('/broken.tar.gz'));
    expect(r.code).toBe(1);
    const failed = r.lines.find((l) => l.type === 'failed') as { error: { code: string } };
    expect(failed.error.code).toBe('HAUL_E_ARCHIVE_CORRUPT');
    expect(await readdir(join(t.root, 'broken', 'dl'))).toEqual(['broken.tar.gz']);
  });
});

describe('worker processes', () => {
  it('leaves no worker process behind when the CLI is interrupted mid-download', async () => {
    const body = makeContent(24 * 1024 * 1024, 9);
    t.server.route('/slow.bin', { body, quirks: { throttle: 2 * 1024 * 1024 } });
    const cli = startCli(['get', '--json', '--db', join(t.root, 'orphans.db'), '-d', join(t.root, 'orphans'), '--checksum', `sha256=${sha256(body)}`, t.server.url('/slow.bin')]);
    await cli.waitForLine((l) => l.type === 'progress' && (l.received as number) > 2 * 1024 * 1024);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(cli.child.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
    expect(children.length).toBeGreaterThanOrEqual(1); // the hashing worker
    cli.child.kill('SIGINT');
    const r = await cli.done;
    expect(r.code).toBe(130);
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await waitUntil(() => !children.some(alive), `the workers ${children.join(', ')} to be gone`);
  });
});
