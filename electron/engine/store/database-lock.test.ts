import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDatabase } from './database-lock';

const here = dirname(fileURLToPath(import.meta.url));

let dir = '';
let db = '';
/** What the operating system locks (only ever stat'ed here: closing a descriptor of it drops this process's locks on it), and the note naming the holder. */
let lockFile = '';
let note = '';
const live = new Set<ChildProcess>();
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'haul-lock-'));
  db = join(dir, 'haul.db');
  lockFile = `${db}-lock`;
  note = `${db}.lock`;
});
afterEach(() => {
  for (const c of live) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Holder {
  child: ChildProcess;
  /** Resolves with everything it printed once it printed `text`. */
  said(text: string): Promise<string>;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Another process that takes the lock (fixtures/lock-holder.ts). */
function startHolder(file: string): Holder {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures/lock-holder.ts'), file], {
    cwd: resolve(here, '../../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  const waiters: (() => void)[] = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => ((out += d), waiters.forEach((w) => w())));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => ((out += d), waiters.forEach((w) => w())));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('close', (code, signal) => (live.delete(child), waiters.forEach((w) => w()), done({ code, signal }))),
  );
  const said = (text: string): Promise<string> =>
    new Promise((ok, fail) => {
      const check = (): void => {
        if (out.includes(text)) ok(out);
        else if (child.exitCode !== null || child.signalCode !== null) fail(new Error(`the holder ended without saying ${text}: ${out}`));
      };
      waiters.push(check);
      check();
    });
  return { child, said, ended };
}

describe('database lock', () => {
  it('is held by one holder at a time, names its process, and is released by it', () => {
    const lock = lockDatabase(db);
    expect(readFileSync(note, 'utf8')).toBe(`${process.pid}\n${hostname()}\n`);
    expect(() => lockDatabase(db)).toThrow(`Another Haul (process ${process.pid}) is using ${db}.`);
    lock.release();
    expect(existsSync(note)).toBe(false);
    lock.release(); // twice is harmless
    lockDatabase(db).release();
  });

  it('refuses while another process holds it, naming that process, and is free the moment it is killed', async () => {
    const holder = startHolder(db);
    await holder.said('locked\n');
    expect(() => lockDatabase(db)).toThrow(`Another Haul (process ${holder.child.pid}) is using ${db}. Wait for it to finish, or give this one another database (--db).`);
    // The note of a holder on another machine (a shared folder) says which.
    writeFileSync(note, `${holder.child.pid}\nsome-other-host\n`);
    expect(() => lockDatabase(db)).toThrow(`Another Haul (process ${holder.child.pid} on some-other-host) is using ${db}.`);
    // No note (not yet written, or lost): still refused, without a name.
    rmSync(note);
    expect(() => lockDatabase(db)).toThrow(`Another Haul is using ${db}.`);

    holder.child.kill('SIGKILL');
    expect((await holder.ended).signal).toBe('SIGKILL');
    const lock = lockDatabase(db);
    expect(readFileSync(note, 'utf8')).toBe(`${process.pid}\n${hostname()}\n`);
    lock.release();
  });

  it('a holder that releases it leaves no note behind, and the next one takes it', async () => {
    const holder = startHolder(db);
    await holder.said('locked\n');
    holder.child.stdin!.end();
    await holder.said('released\n');
    expect(existsSync(note)).toBe(false);
    lockDatabase(db).release();
    expect((await holder.ended).code).toBe(0);
  });

  it('a note left by the old pid lock, naming a live process that is not Haul, or garbled, does not stop it', () => {
    // What a reboot leaves: the pid in the note now belongs to an unrelated process.
    const unrelated = spawn('sleep', ['30']);
    live.add(unrelated);
    writeFileSync(note, `${unrelated.pid}\n${hostname()}\n`);
    const lock = lockDatabase(db);
    expect(readFileSync(note, 'utf8')).toBe(`${process.pid}\n${hostname()}\n`);
    lock.release();
    writeFileSync(note, 'not a pid');
    lockDatabase(db).release();
    // And one naming a process that is gone.
    writeFileSync(note, `${spawnSync('true').pid}\n${hostname()}\n`);
    lockDatabase(db).release();
  });

  it('a release leaves a note it did not write', () => {
    const lock = lockDatabase(db);
    writeFileSync(note, `1\n${hostname()}\n`);
    lock.release();
    expect(readFileSync(note, 'utf8')).toBe(`1\n${hostname()}\n`);
  });

  it('keeps its lock file empty: nothing is written to it, and no journal appears beside it', () => {
    const lock = lockDatabase(db);
    expect(statSync(lockFile).size).toBe(0);
    lock.release();
    expect(statSync(lockFile).size).toBe(0);
    expect(existsSync(`${lockFile}-journal`)).toBe(false);
  });
});
