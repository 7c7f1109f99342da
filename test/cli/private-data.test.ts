// The data folder holds credentials and a history of what was fetched from where: only its owner
// may read it, also where home folders are readable by every local user.
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useCliFixture } from '../helpers/cli-fixture';
import { runCli } from '../helpers/run-cli';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const t = useCliFixture('haul-private-');
const body = makeContent(300_000, 61);

/** The permission bits, as `ls -l` shows them in octal. */
const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('is made for its owner only: folder 0700; database, its -wal and -shm, and the log 0600', async () => {
    const home = join(t.root, 'new-home', 'Haul');
    const seen: Record<string, string> = {};
    // While the request is in, the run has the database open: its -wal and -shm exist.
    t.server.route('/new.bin', {
      body,
      onRequest: () => {
        for (const f of ['haul.db', 'haul.db-wal', 'haul.db-shm']) seen[f] = existsSync(join(home, f)) ? mode(join(home, f)) : 'missing';
      },
    });
    const r = await runCli(['get', '--json', '-d', join(t.root, 'new-downloads'), t.server.url('/new.bin')], { env: { HAUL_HOME: home } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await sha256File(join(t.root, 'new-downloads', 'new.bin'))).toBe(sha256(body));
    expect(seen).toEqual({ 'haul.db': '600', 'haul.db-wal': '600', 'haul.db-shm': '600' });
    expect(mode(home)).toBe('700');
    expect(mode(join(home, 'haul.db'))).toBe('600');
    expect(mode(join(home, 'haul.log'))).toBe('600');
  });

  it('left readable by others by an older version is tightened at start', async () => {
    const home = join(t.root, 'old-home');
    mkdirSync(home, { recursive: true });
    const db = join(home, 'haul.db');
    // A connection of its own keeps the -wal and -shm there, as a crashed older version leaves them.
    const old = new Database(db);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE leftover (x)');
    writeFileSync(join(home, 'haul.log'), 'an older log\n');
    writeFileSync(join(home, 'haul.log.1'), 'an older, rotated log\n');
    const files = ['haul.db', 'haul.db-wal', 'haul.db-shm', 'haul.log', 'haul.log.1'];
    for (const f of files) chmodSync(join(home, f), 0o644);
    chmodSync(home, 0o755);
    t.server.route('/old.bin', { body });
    try {
      const r = await runCli(['get', '--json', '-d', join(t.root, 'old-downloads'), t.server.url('/old.bin')], { env: { HAUL_HOME: home } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(mode(home)).toBe('700');
      expect(Object.fromEntries(files.map((f) => [f, mode(join(home, f))]))).toEqual(Object.fromEntries(files.map((f) => [f, '600'])));
    } finally {
      old.close();
    }
  });

  it('a database given with --db gets private files, and its folder is created private, but an existing folder is left as it is', async () => {
    const shared = join(t.root, 'project');
    mkdirSync(shared, { recursive: true });
    chmodSync(shared, 0o755);
    t.server.route('/db.bin', { body });
    const inShared = await runCli(['get', '--json', '--db', join(shared, 'state.db'), '-d', join(t.root, 'db-downloads'), t.server.url('/db.bin')]);
    expect(inShared.code).toBe(0);
    expect(mode(shared)).toBe('755');
    expect(mode(join(shared, 'state.db'))).toBe('600');

    const made = join(t.root, 'made', 'here');
    const inNew = await runCli(['get', '--json', '--db', join(made, 'state.db'), '-d', join(t.root, 'db-downloads'), t.server.url('/db.bin')]);
    expect(inNew.code).toBe(0);
    expect(mode(made)).toBe('700');
    expect(mode(join(made, 'state.db'))).toBe('600');
  });
});
