// The last line of defence: an exception that escapes everything (a bug in Haul or in a
// dependency) ends the process, but never silently: what can be saved is saved, the error and its
// stack go to the data folder's log, and the user is told where. Real processes, real databases.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openSqliteJobStore } from '../../electron/engine/store';
import { useCliFixture } from '../helpers/cli-fixture';
import { runCli } from '../helpers/run-cli';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const t = useCliFixture('haul-uncaught-');
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/processes/${name}`, import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('an exception nothing catches', () => {
  it('saves the engine state first: a cancel made just before is in the database', async () => {
    const db = join(t.root, 'cancel.db');
    const log = join(t.root, 'cancel-home', 'haul.log');
    const r = await run(['--import', 'tsx', fixture('cancel-then-throw.ts'), db, log, join(t.root, 'cancel')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Haul stopped on an internal error: injected failure');
    expect(r.stderr).toContain(`Details are in ${log}`);
    const store = openSqliteJobStore(db);
    try {
      expect(store.getJob(r.stdout.trim())?.status).toBe('cancelled');
    } finally {
      store.close();
    }
    const text = await readFile(log, 'utf8');
    expect(text).toMatch(/crash uncaughtException: Error: injected failure/);
    expect(text).toMatch(/\n\s+at /); // the stack
    // The password in the message reaches neither the screen nor the log.
    expect(r.stderr + text).not.toContain('hunter2');
    // Only its owner may read the log, nor list the folder it made for it.
    if (process.platform !== 'win32') {
      expect((statSync(log).mode & 0o777).toString(8)).toBe('600');
      expect((statSync(join(t.root, 'cancel-home')).mode & 0o777).toString(8)).toBe('700');
    }
  });

  it('in `haul get`: says so, logs the stack, exits 1, and the same command then finishes the file', async () => {
    const body = makeContent(12 * MiB, 61);
    t.server.route('/boom.bin', { body, quirks: { throttle: 3 * MiB } });
    const dir = join(t.root, 'boom');
    const home = join(t.root, 'boom-home');
    const args = ['get', '--json', '--db', join(t.root, 'boom.db'), '-d', dir, t.server.url('/boom.bin')];
    const injected = await runCli(args, {
      env: {
        HAUL_HOME: home,
        NODE_OPTIONS: `--import ${pathToFileURL(fixture('throw-when-file.mjs')).href}`,
        HAUL_TEST_THROW_WHEN_FILE: join(dir, 'boom.bin.part'),
      },
    });
    expect(injected.code).toBe(1);
    expect(injected.signal).toBeNull();
    expect(injected.stderr).toMatch(/^haul: Haul stopped on an internal error: injected failure\. Downloads were saved and continue at the next start\. Details are in .*haul\.log\.$/m);
    const log = await readFile(join(home, 'haul.log'), 'utf8');
    expect(log).toMatch(/crash uncaughtException: Error: injected failure\n\s+at /);
    expect(existsSync(join(dir, 'boom.bin'))).toBe(false);

    const again = await runCli(args, { env: { HAUL_HOME: home } });
    expect(again.code).toBe(0);
    const done = again.lines.find((l) => l.type === 'completed')!;
    expect(await sha256File(done.path as string)).toBe(sha256(body));
  });
});
