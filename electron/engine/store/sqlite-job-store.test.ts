import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeJobStoreContract, expectHaulError, makeJob } from './job-store.contract';
import type { JobStore } from './job-store';
import { latestVersion, migrate, readUserVersion, type Migration } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { openSqliteJobStore } from './sqlite-job-store';

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'haul-store-'));
}

describeJobStoreContract('sqlite', () => {
  const dir = tempDir();
  const file = path.join(dir, 'jobs.db');
  let current: JobStore = openSqliteJobStore(file);
  return {
    store: current,
    reopen: () => {
      current.close();
      current = openSqliteJobStore(file);
      return current;
    },
    cleanup: () => {
      current.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}, { persistent: true });

describe('SqliteJobStore on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A second, plain connection to look at what is really in the file. */
  function inspect<T>(file: string, fn: (db: Database.Database) => T): T {
    const db = new Database(file);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  it('creates missing folders and a migrated database in WAL mode', () => {
    const file = path.join(dir, 'a', 'b', 'jobs.db');
    const store = openSqliteJobStore(file);
    expect(store.file).toBe(file);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    inspect(file, (db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(readUserVersion(db)).toBe(MIGRATIONS.length);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['jobs', 'prefs', 'segments', 'settings']);
    });
    store.close();
  });

  it('migrates an existing empty file', () => {
    const file = path.join(dir, 'jobs.db');
    writeFileSync(file, '');
    const store = openSqliteJobStore(file);
    store.insertJobs([makeJob('a')]);
    store.close();
    expect(inspect(file, readUserVersion)).toBe(MIGRATIONS.length);
  });

  it('refuses a database from a newer Haul and leaves it untouched', () => {
    const file = path.join(dir, 'jobs.db');
    inspect(file, (db) => db.pragma('user_version = 999'));
    const err = expectHaulError(() => openSqliteJobStore(file), 'HAUL_E_DB_TOO_NEW');
    expect(err.message).toContain(file);
    expect(err.message).toContain('999');
    expect(err.message).toContain(`version ${MIGRATIONS.length}`);
    inspect(file, (db) => {
      expect(readUserVersion(db)).toBe(999);
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    });
  });

  it('reports a file that is not a database clearly and does not overwrite it', () => {
    const file = path.join(dir, 'jobs.db');
    const garbage = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(file, garbage);
    const err = expectHaulError(() => openSqliteJobStore(file), 'HAUL_E_INTERNAL');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/not a database/);
    expect(readFileSync(file, 'utf8')).toBe(garbage);
  });

  it('rolls back a failing migration and keeps the previous version', () => {
    const file = path.join(dir, 'jobs.db');
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      up(db) {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    inspect(file, (db) => {
      expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
      expect(readUserVersion(db)).toBe(MIGRATIONS.length);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    });
    expect(() => latestVersion([{ version: 2, up: () => undefined }])).toThrow(/out of order/);
  });

  it('deleting a job deletes its segment rows, not just hides them', () => {
    const file = path.join(dir, 'jobs.db');
    const store = openSqliteJobStore(file);
    store.insertJobs([makeJob('a'), makeJob('b')]);
    store.saveSegments('a', [{ start: 0, end: 10, done: 1 }, { start: 10, end: 20, done: 2 }]);
    store.saveSegments('b', [{ start: 0, end: null, done: 3 }]);
    store.deleteJobs(['a']);
    store.close();
    const rows = inspect(file, (db) => db.prepare('SELECT job_id FROM segments').pluck().all());
    expect(rows).toEqual(['b']);
  });

  it('keeps a note as JSON, and reads the plain-text note of an older version as it was', () => {
    const file = path.join(dir, 'jobs.db');
    const store = openSqliteJobStore(file);
    store.insertJobs([makeJob('old'), makeJob('new')]);
    store.updateJob('new', { note: { kind: 'throttled', status: 503 } });
    store.close();
    inspect(file, (db) => db.prepare("UPDATE jobs SET note = 'Restarted from zero: the partial file was missing.' WHERE id = 'old'").run());
    expect(inspect(file, (db) => db.prepare("SELECT note FROM jobs WHERE id = 'new'").pluck().get())).toBe('{"kind":"throttled","status":503}');
    const reopened = openSqliteJobStore(file);
    try {
      expect(reopened.getJob('old')!.note).toEqual({ kind: 'text', text: 'Restarted from zero: the partial file was missing.' });
      expect(reopened.getJob('new')!.note).toEqual({ kind: 'throttled', status: 503 });
    } finally {
      reopened.close();
    }
  });

  it('drops stored settings this version does not know or would reject', () => {
    const file = path.join(dir, 'jobs.db');
    openSqliteJobStore(file).close();
    inspect(file, (db) => {
      const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      put.run('maxJobs', '"lots"');
      put.run('retiredSetting', '1');
      put.run('maxTries', '{not json');
      put.run('userAgent', '"kept"');
    });
    const store = openSqliteJobStore(file);
    expect(store.loadSettings()).toEqual({ userAgent: 'kept' });
    store.close();
  });

  it('loads the native addon from an explicit path, and reports a bad one', () => {
    const file = path.join(dir, 'jobs.db');
    const addon = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const store = openSqliteJobStore(file, { nativeBinding: addon });
    store.insertJobs([makeJob('a')]);
    expect(store.getJob('a')?.id).toBe('a');
    store.close();
    const err = expectHaulError(
      () => openSqliteJobStore(file, { nativeBinding: path.join(dir, 'missing.node') }),
      'HAUL_E_INTERNAL',
    );
    expect(err.message).toContain(file);
  });

  it('inserts 10,000 jobs in one call and keeps them across a reopen', () => {
    const file = path.join(dir, 'jobs.db');
    const jobs = Array.from({ length: 10_000 }, (_, i) => makeJob(`job-${i}`, { position: 10_000 - i }));
    const store = openSqliteJobStore(file);
    store.insertJobs(jobs);
    store.close();
    const again = openSqliteJobStore(file);
    const listed = again.listJobs();
    expect(listed).toHaveLength(10_000);
    expect(listed[0]).toEqual(jobs[9_999]);
    expect(listed[9_999]).toEqual(jobs[0]);
    again.close();
  });
});

describe('migration 2 (post-processing results)', () => {
  it('upgrades a version-1 database in place, keeping its jobs, and stores checksum and extraction results', () => {
    const dir = tempDir();
    const file = path.join(dir, 'v1.db');
    const db = new Database(file);
    try {
      migrate(db, MIGRATIONS.slice(0, 1));
      db.prepare(
        `INSERT INTO jobs (id, url, dir, status, position, options, created_at, updated_at)
         VALUES ('old', 'http://127.0.0.1/a', '/d', 'paused', 0, '{"connections":8,"speedLimit":null,"headers":{}}', 1, 1)`,
      ).run();
    } finally {
      db.close();
    }
    const store = openSqliteJobStore(file);
    expect(store.getJob('old')).toMatchObject({ id: 'old', status: 'paused', checksum: null, extractedTo: null });
    store.updateJob('old', { checksum: { algo: 'sha256', hex: 'ab'.repeat(32), ok: true }, extractedTo: '/d/a' });
    store.close();
    const again = openSqliteJobStore(file);
    expect(again.getJob('old')).toMatchObject({ checksum: { algo: 'sha256', hex: 'ab'.repeat(32), ok: true }, extractedTo: '/d/a' });
    again.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('migration 4 (the placed file)', () => {
  it('upgrades a version-3 database in place: its jobs have no placed file until a download puts one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'v3.db');
    const db = new Database(file);
    try {
      migrate(db, MIGRATIONS.slice(0, 3));
      db.prepare(
        `INSERT INTO jobs (id, url, dir, name, status, position, total, options, created_at, updated_at, completed_at)
         VALUES ('done', 'http://127.0.0.1/a', '/d', 'a', 'completed', 0, 3, '{"connections":8,"speedLimit":null,"headers":{}}', 1, 1, 2)`,
      ).run();
    } finally {
      db.close();
    }
    const store = openSqliteJobStore(file);
    expect(store.getJob('done')).toMatchObject({ status: 'completed', total: 3, completedAt: 2, placedFile: null });
    store.updateJob('done', { placedFile: { size: 3, dev: 1, ino: 2, mtimeMs: 3.5 } });
    store.close();
    const again = openSqliteJobStore(file);
    expect(again.getJob('done')?.placedFile).toEqual({ size: 3, dev: 1, ino: 2, mtimeMs: 3.5 });
    again.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('migration 5 (jobs by status)', () => {
  it('indexes a version-4 database, and start-up sums the unfinished jobs through the index, not by reading every row', () => {
    const dir = tempDir();
    const file = path.join(dir, 'v4.db');
    const db = new Database(file);
    try {
      migrate(db, MIGRATIONS.slice(0, 4));
    } finally {
      db.close();
    }
    const store = openSqliteJobStore(file);
    store.insertJobs([makeJob('done', { status: 'completed' }), makeJob('half', { status: 'paused', position: 1 })]);
    store.saveSegments('done', [{ start: 0, end: 10, done: 10 }]);
    store.saveSegments('half', [{ start: 0, end: 10, done: 4 }]);
    expect(store.loadRecordedBytes()).toEqual(new Map([['half', 4]]));
    store.close();
    const plan = new Database(file);
    try {
      // The store's query for loadRecordedBytes: only the unfinished statuses' index entries are read.
      const unfinished = "'queued', 'active', 'verifying', 'extracting', 'paused', 'failed', 'cancelled'";
      const sql = `SELECT job_id, SUM(done) AS done FROM segments WHERE job_id IN (SELECT id FROM jobs WHERE status IN (${unfinished})) GROUP BY job_id`;
      const details = plan.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail);
      expect(details).toContain('SEARCH jobs USING COVERING INDEX jobs_by_status (status=?)');
      expect(readUserVersion(plan)).toBe(MIGRATIONS.length);
    } finally {
      plan.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });
});

