import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDatabase } from './database-lock';

let dir = '';
let db = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'haul-lock-'));
  db = join(dir, 'haul.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('database lock', () => {
  it('is held by one process at a time and released by it', () => {
    const lock = lockDatabase(db);
    expect(readFileSync(`${db}.lock`, 'utf8')).toBe(`${process.pid}\n${hostname()}\n`);
    lock.release();
    expect(existsSync(`${db}.lock`)).toBe(false);
    lockDatabase(db).release();
  });

  it('refuses while another live process holds it, naming it', async () => {
    const other = spawn('sleep', ['10']);
    try {
      writeFileSync(`${db}.lock`, `${other.pid}\n${hostname()}\n`);
      expect(() => lockDatabase(db)).toThrow(`Another Haul (process ${other.pid}) is using ${db}.`);
      writeFileSync(`${db}.lock`, `${other.pid}\nsome-other-host\n`);
      expect(() => lockDatabase(db)).toThrow(`Another Haul (process ${other.pid} on some-other-host) is using ${db}.`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that died, or one that is garbled', () => {
    const gone = spawnSync('true').pid!;
    writeFileSync(`${db}.lock`, `${gone}\n${hostname()}\n`);
    const lock = lockDatabase(db);
    expect(readFileSync(`${db}.lock`, 'utf8')).toBe(`${process.pid}\n${hostname()}\n`);
    lock.release();
    writeFileSync(`${db}.lock`, 'not a pid');
    lockDatabase(db).release();
  });

  it('a release does not remove a lock another process took since', () => {
    const lock = lockDatabase(db);
    writeFileSync(`${db}.lock`, `1\n${hostname()}\n`);
    lock.release();
    expect(existsSync(`${db}.lock`)).toBe(true);
  });
});
