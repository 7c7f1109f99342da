// `haul list` shows what a database holds; `haul resume` continues every unfinished download in it
// without the user having to remember the commands that started them; `haul remove` takes
// downloads out of it.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteJobStore } from '../../electron/engine/store';
import { runCli, startCli } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';
import { waitUntil } from '../helpers/wait-until';

const MiB = 1024 * 1024;

/** Bytes the database records as on disk, over all its downloads. */
function recorded(db: string): number {
  const store = openSqliteJobStore(db);
  try {
    return store.listJobs().reduce((n, j) => n + (j.completedAt === null ? store.loadSegments(j.id).reduce((m, s) => m + s.done, 0) : 0), 0);
  } finally {
    store.close();
  }
}
const t = useCliFixture('haul-list-');

describe('haul list', () => {
  it('says there is nothing yet, and creates no database', async () => {
    const db = join(t.root, 'none.db');
    const r = await runCli(['list', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`No downloads yet (no database at ${db}).\n`);
    expect(existsSync(db)).toBe(false);
  });

  it('shows each download with its status, progress, size and why a failed one failed', async () => {
    const body = makeContent(3 * MiB, 61);
    t.server.route('/fine.bin', { body });
    const db = join(t.root, 'two.db');
    const dir = join(t.root, 'two');
    const got = await runCli(['get', '--db', db, '-d', dir, t.server.url('/fine.bin'), t.server.url('/missing.bin')]);
    expect(got.code).toBe(1);

    const json = await runCli(['list', '--db', db, '--json']);
    const [fine, missing] = json.lines.map((l) => (l.id as string).slice(0, 8));
    const table = await runCli(['list', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(
      [
        'ID        STATUS     DONE      SIZE  NAME',
        `${fine}  completed  100%  3.00 MiB  fine.bin`,
        `${missing}  failed        —         —  ${t.server.url('/missing.bin')}`,
        `                     HTTP 404 Not Found for ${t.server.url('/missing.bin')}`,
        '2 downloads: 1 completed, 1 failed',
        '',
      ].join('\n'),
    );

    expect(json.lines.map((l) => [l.status, l.path, l.received, l.total])).toEqual([
      ['completed', join(dir, 'fine.bin'), body.length, body.length],
      ['failed', null, 0, null],
    ]);
    expect(json.lines[1]!.error).toEqual({ code: 'HAUL_E_HTTP_STATUS', message: `HTTP 404 Not Found for ${t.server.url('/missing.bin')}`, httpStatus: 404 });
  });
  it('reads a database while a run is using it, and shows how far that run got', async () => {
    const body = makeContent(8 * MiB, 65);
    t.server.route('/busy.bin', { body, quirks: { throttle: 2 * MiB } });
    const db = join(t.root, 'busy.db');
    const run = startCli(['get', '--json', '--db', db, '-d', join(t.root, 'busy'), '-x', '1', t.server.url('/busy.bin')]);
    await run.waitForLine((l) => l.type === 'progress' && (l.received as number) > MiB);
    // Progress is saved twice a second: wait until some of it is in the database.
    await waitUntil(() => recorded(db) > 0, 'progress saved');
    // Paused (SIGSTOP), the run keeps the database but cannot finish before haul list has read it,
    // however slowly a loaded machine starts haul list.
    run.child.kill('SIGSTOP');
    const saved = recorded(db);
    const list = await runCli(['list', '--db', db, '--json']);
    run.child.kill('SIGCONT');
    expect(list.code, list.stderr).toBe(0);
    expect(list.lines).toEqual([expect.objectContaining({ status: 'active', total: body.length, received: saved })]);
    run.child.kill('SIGINT');
    await run.done;
  });
});

describe('haul resume', () => {
  it('continues every unfinished download from its recorded bytes, and leaves finished ones alone', async () => {
    const a = makeContent(12 * MiB, 62);
    const b = makeContent(12 * MiB, 63);
    const done = makeContent(MiB, 64);
    t.server.route('/a.bin', { body: a, quirks: { throttle: 3 * MiB } });
    t.server.route('/b.bin', { body: b, quirks: { throttle: 3 * MiB } });
    t.server.route('/done.bin', { body: done });
    const db = join(t.root, 'resume.db');
    const dirA = join(t.root, 'folder-a');
    const dirB = join(t.root, 'folder-b');
    expect((await runCli(['get', '--db', db, '-d', dirA, t.server.url('/done.bin')])).code).toBe(0);
    // Two downloads, each into its own folder (an input file's dir= line), interrupted.
    const list = `${t.server.url('/a.bin')}\n${t.server.url('/b.bin')}\n  dir=${dirB}\n`;
    const first = startCli(['get', '--json', '--db', db, '-d', dirA, '-i', '-'], { stdin: list });
    await first.waitForLine((l) => l.type === 'progress' && (l.received as number) > 2 * MiB);
    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(130);

    const sent = t.server.bytesSent('/a.bin') + t.server.bytesSent('/b.bin');
    const kept = recorded(db);
    const r = await runCli(['resume', '--json', '--db', db]);
    expect(r.code).toBe(0);
    const completed = r.lines.filter((l) => l.type === 'completed');
    expect(completed.map((l) => l.path).sort()).toEqual([join(dirA, 'a.bin'), join(dirB, 'b.bin')]);
    expect(await sha256File(join(dirA, 'a.bin'))).toBe(sha256(a));
    expect(await sha256File(join(dirB, 'b.bin'))).toBe(sha256(b));
    // Recorded bytes were not fetched again.
    const again = t.server.bytesSent('/a.bin') + t.server.bytesSent('/b.bin') - sent;
    expect(kept).toBeGreaterThan(2 * MiB);
    expect(again).toBeLessThanOrEqual(a.length + b.length - kept + MiB);
    // The finished download was not fetched again.
    expect(t.server.requests('/done.bin')).toHaveLength(1);
    expect(r.lines.at(-1)).toEqual({ type: 'summary', completed: 2, failed: 0, rejected: 0 });
  });

  it('says so when there is nothing to resume', async () => {
    t.server.route('/small.bin', { body: makeContent(1000, 66) });
    const db = join(t.root, 'finished.db');
    expect((await runCli(['get', '--db', db, '-d', join(t.root, 'finished'), t.server.url('/small.bin')])).code).toBe(0);
    const r = await runCli(['resume', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Nothing to resume: every download in the database has finished.\n0 completed, 0 failed, 0 rejected\n');
    expect(t.server.requests('/small.bin')).toHaveLength(1);
  });

  it('takes no URLs: those belong to haul get', async () => {
    const r = await runCli(['resume', t.server.url('/x.bin')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('haul: resume continues the downloads already in the database and takes no URLs (use haul get)\n');
  });
});

describe('haul remove', () => {
  async function twoDownloads(tag: string) {
    const body = makeContent(MiB, 67);
    t.server.route(`/${tag}.bin`, { body });
    const db = join(t.root, `${tag}.db`);
    const dir = join(t.root, tag);
    await runCli(['get', '--db', db, '-d', dir, t.server.url(`/${tag}.bin`), t.server.url('/gone.bin')]);
    const ids = (await runCli(['list', '--db', db, '--json'])).lines.map((l) => l.id as string);
    return { db, dir, ids };
  }

  it('takes the failed downloads out of the database and leaves the rest', async () => {
    const { db, dir, ids } = await twoDownloads('keep');
    const r = await runCli(['remove', '--db', db, '--failed']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`removed ${ids[1]!.slice(0, 8)} ${t.server.url('/gone.bin')}\n1 download removed\n`);
    const left = (await runCli(['list', '--db', db, '--json'])).lines;
    expect(left.map((l) => l.id)).toEqual([ids[0]]);
    expect(existsSync(join(dir, 'keep.bin'))).toBe(true);
  });

  it('--completed forgets the finished downloads and keeps their files', async () => {
    const { db, dir, ids } = await twoDownloads('done');
    const r = await runCli(['remove', '--db', db, '--completed']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^removed ${ids[0]!.slice(0, 8)} .*\n1 download removed\n$`));
    expect((await runCli(['list', '--db', db, '--json'])).lines.map((l) => l.id)).toEqual([ids[1]]);
    expect(await sha256File(join(dir, 'done.bin'))).toBe(sha256(makeContent(MiB, 67)));
  });

  it('removes by the id haul list shows, with its file when asked', async () => {
    const { db, dir, ids } = await twoDownloads('drop');
    const r = await runCli(['remove', '--db', db, '--delete-files', ids[0]!.slice(0, 8)]);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'drop.bin'))).toBe(false);
    expect((await runCli(['list', '--db', db, '--json'])).lines.map((l) => l.id)).toEqual([ids[1]]);
  });

  it('keeps a finished file that was replaced since, and says so', async () => {
    const { db, dir, ids } = await twoDownloads('swap');
    const file = join(dir, 'swap.bin');
    await rename(file, `${file}.old`);
    await writeFile(file, 'mine now');
    const r = await runCli(['remove', '--db', db, '--delete-files', ids[0]!.slice(0, 8)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`removed ${ids[0]!.slice(0, 8)} swap.bin (kept ${file}: it is not the file this download wrote)\n1 download removed\n`);
    expect(await readFile(file, 'utf8')).toBe('mine now');
  });

  it('an id that names no download changes nothing and says which', async () => {
    const { db, ids } = await twoDownloads('typo');
    const r = await runCli(['remove', '--db', db, ids[0]!.slice(0, 8), 'ffffffff-none']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('haul: no download with id ffffffff-none\n');
    expect((await runCli(['list', '--db', db, '--json'])).lines).toHaveLength(2);
  });

  it('refuses while another run uses the database', async () => {
    const body = makeContent(8 * MiB, 68);
    t.server.route('/running.bin', { body, quirks: { throttle: 2 * MiB } });
    const db = join(t.root, 'running.db');
    const run = startCli(['get', '--json', '--db', db, '-d', join(t.root, 'running'), '-x', '1', t.server.url('/running.bin')]);
    await run.waitForLine((l) => l.type === 'progress');
    // Paused (SIGSTOP) meanwhile: still running, however slowly a loaded machine starts haul remove.
    run.child.kill('SIGSTOP');
    const r = await runCli(['remove', '--db', db, '--completed']);
    run.child.kill('SIGCONT');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`haul: Another Haul (process ${run.child.pid}) is using ${db}. Wait for it to finish, or give this one another database (--db).\n`);
    run.child.kill('SIGINT');
    await run.done;
  });
});
