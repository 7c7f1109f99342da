// The real JobStore: one SQLite file, one writer (the engine), every multi-row write in one
// transaction.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { HaulError } from '../../../shared/errors';
import { JOB_STATUSES } from '../../../shared/models/job';
import { SettingsSchema, type Settings } from '../../../shared/models/settings';
import { columnOf, encodeField, fromJobRow, fromJobValues, JOB_COLUMNS, toJobRow, type JobRow, type JobValues } from './job-row';
import type { JobPatch, JobRecord, JobStore, ProgressEntry, SegmentRecord } from './job-store';
import { assertNotTooNew, migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { guardWrites } from './store-errors';
import { lockDatabase } from './database-lock';
import { makePrivateFile, PRIVATE_FOLDER_MODE, tighten } from '../private-files';
import type { SecretBox } from '../secrets/secret-box';
import { sealPlainSecrets, secretCodec, type SecretCodec } from './secret-columns';

export interface SqliteJobStoreOptions {
  /** Path to a better_sqlite3.node built for the running ABI (Electron ships its own build). */
  nativeBinding?: string;
  /**
   * Hold the database's lock while open, so no other Haul runs on it (the app, haul get and haul
   * remove do; haul list reads beside them). The operating system drops it if the process dies.
   */
  exclusive?: boolean;
  /**
   * Seals credentials at rest with the operating system's protection (the desktop app). Without
   * one they are stored as given; sealed values written by the app are kept as they are.
   */
  secretBox?: SecretBox;
}

export interface SqliteJobStore extends JobStore {
  readonly file: string;
  /** The schema version (PRAGMA user_version) after migrations ran. */
  readonly schemaVersion: number;
}

const BUSY_TIMEOUT_MS = 5000;
/** Every status but completed, as an SQL list (constants, not input). */
const UNFINISHED = JOB_STATUSES.filter((status) => status !== 'completed').map((status) => `'${status}'`).join(', ');

export function openSqliteJobStore(file: string, options: SqliteJobStoreOptions = {}): SqliteJobStore {
  try {
    // The folder first: the lock file and the database both go there.
    mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    // Only its owner may read the list (it holds credentials). SQLite creates the -wal and -shm
    // files with the database's mode, so creating that one private is enough; ones left by
    // versions that made them 0644 are tightened.
    makePrivateFile(file);
    tighten(`${file}-wal`);
    tighten(`${file}-shm`);
  } catch (err) {
    throw asOpenError(file, err);
  }
  const lock = options.exclusive ? lockDatabase(file, { nativeBinding: options.nativeBinding }) : null;
  let db: Database.Database | undefined;
  try {
    db = openDatabase(file, options);
    const version = migrate(db, MIGRATIONS);
    const secrets = secretCodec(options.secretBox);
    sealPlainSecrets(db, secrets);
    const store = createStore(db, file, version, secrets);
    if (!lock) return store;
    return {
      ...store,
      close: () => {
        store.close();
        lock.release();
      },
    };
  } catch (err) {
    db?.close();
    lock?.release();
    throw asOpenError(file, err);
  }
}

function openDatabase(file: string, options: SqliteJobStoreOptions): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Before anything writes: a newer schema must be left exactly as we found it.
    assertNotTooNew(db, file, MIGRATIONS);
    db.pragma('journal_mode = WAL');
    // NORMAL under WAL: every commit survives a process crash; a power loss may drop the last
    // commits but never reorders them or corrupts the file. Dropping a progress record is safe (those
    // bytes are fetched again) — the durability rule only forbids recording bytes not yet on disk,
    // and ranges are recorded after the part file's datasync. FULL fsynced every status change and
    // made 1,000 small downloads take 8.4 s instead of 2.8 s.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db?.close();
    throw asOpenError(file, err);
  }
}

function asOpenError(file: string, err: unknown): HaulError {
  if (err instanceof HaulError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new HaulError('HAUL_E_INTERNAL', `Cannot open the job database ${file}: ${reason}`, { cause: err });
}

function notFound(id: string): HaulError {
  return new HaulError('HAUL_E_NOT_FOUND', `No job with id ${id}`);
}

interface SegmentRow {
  start: number;
  end: number | null;
  done: number;
}

function createStore(db: Database.Database, file: string, schemaVersion: number, secrets: SecretCodec): SqliteJobStore {
  const cols = JOB_COLUMNS.join(', ');
  const params = JOB_COLUMNS.map((c) => `@${c}`).join(', ');
  const sql = {
    insertJob: db.prepare<JobRow>(`INSERT INTO jobs (${cols}) VALUES (${params})`),
    getJob: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?'),
    // rowid breaks ties so equal positions keep insertion order.
    listJobs: db.prepare<[], JobValues>(`SELECT ${cols} FROM jobs ORDER BY position, rowid`).raw(),
    deleteJob: db.prepare<[string]>('DELETE FROM jobs WHERE id = ?'),
    jobExists: db.prepare<[string], 1>('SELECT 1 FROM jobs WHERE id = ?').pluck(),
    setPosition: db.prepare<[number, string]>('UPDATE jobs SET position = ? WHERE id = ?'),
    clearSegments: db.prepare<[string]>('DELETE FROM segments WHERE job_id = ?'),
    insertSegment: db.prepare<[string, number, number, number | null, number]>(
      'INSERT INTO segments (job_id, idx, start, "end", done) VALUES (?, ?, ?, ?, ?)',
    ),
    loadSegments: db.prepare<[string], SegmentRow>(
      'SELECT start, "end" AS "end", done FROM segments WHERE job_id = ? ORDER BY idx',
    ),
    // One query, not one per job; completed jobs (most of a long history) are left out through
    // the jobs_by_status index, without reading their rows or even their index entries.
    recordedBytes: db.prepare<[], { job_id: string; done: number }>(
      `SELECT job_id, SUM(done) AS done FROM segments WHERE job_id IN (SELECT id FROM jobs WHERE status IN (${UNFINISHED})) GROUP BY job_id`,
    ),
    loadSettings: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings'),
    loadPrefs: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM prefs'),
    savePref: db.prepare<[string, string]>('INSERT INTO prefs (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    saveSetting: db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  };

  const read = (row: JobRow): JobRecord => secrets.open(fromJobRow(row));
  function readJob(id: string): JobRecord | undefined {
    const row = sql.getJob.get(id);
    return row === undefined ? undefined : read(row);
  }

  // One UPDATE per set of patched columns, prepared once: a patch writes only what it changes
  // (reading and rewriting the whole row was most of the cost of 1,000 small downloads).
  const patchStatements = new Map<string, Database.Statement<unknown[]>>();
  function patchJob(id: string, patch: JobPatch): void {
    const fields: string[] = [];
    const values: unknown[] = [];
    for (const [field, value] of Object.entries(secrets.seal(patch))) {
      if (value === undefined || columnOf(field) === undefined || field === 'createdAt') continue;
      fields.push(field);
      values.push(encodeField(field as keyof JobPatch, value as never));
    }
    if (fields.length === 0) {
      if (sql.jobExists.get(id) === undefined) throw notFound(id);
      return;
    }
    const key = fields.join(',');
    let stmt = patchStatements.get(key);
    if (stmt === undefined) {
      const assignments = fields.map((f) => `${columnOf(f)!} = ?`).join(', ');
      stmt = db.prepare<unknown[]>(`UPDATE jobs SET ${assignments} WHERE id = ?`);
      patchStatements.set(key, stmt);
    }
    if (stmt.run(...values, id).changes === 0) throw notFound(id);
  }

  function replaceSegments(id: string, segments: SegmentRecord[]): void {
    if (sql.jobExists.get(id) === undefined) throw notFound(id);
    sql.clearSegments.run(id);
    segments.forEach((s, idx) => sql.insertSegment.run(id, idx, s.start, s.end, s.done));
  }

  const insertAll = db.transaction((jobs: JobRecord[]) => {
    for (const job of jobs) {
      if (sql.jobExists.get(job.id) !== undefined) {
        throw new HaulError('HAUL_E_INVALID_INPUT', `A job with id ${job.id} already exists`);
      }
      sql.insertJob.run(toJobRow(secrets.seal(job)));
    }
  });
  const deleteAll = db.transaction((ids: string[]) => {
    for (const id of ids) sql.deleteJob.run(id); // segments go with them (ON DELETE CASCADE)
  });
  const updateJobTx = db.transaction(patchJob);
  const saveSegmentsTx = db.transaction(replaceSegments);
  const saveProgressTx = db.transaction((entries: ProgressEntry[]) => {
    for (const entry of entries) {
      if (entry.segments !== undefined) replaceSegments(entry.id, entry.segments);
      else if (sql.jobExists.get(entry.id) === undefined) throw notFound(entry.id);
      if (entry.patch !== undefined) patchJob(entry.id, entry.patch);
    }
  });
  const setPositionsTx = db.transaction((order: { id: string; position: number }[]) => {
    for (const { id, position } of order) {
      if (sql.setPosition.run(position, id).changes === 0) throw notFound(id);
    }
  });
  const saveSettingsTx = db.transaction((patch: Partial<Settings>) => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) sql.saveSetting.run(key, JSON.stringify(secrets.sealSetting(key, value)));
    }
  });

  const savePrefsTx = db.transaction((patch: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) sql.savePref.run(key, JSON.stringify(value));
  });

  const store: SqliteJobStore = {
    file,
    schemaVersion,
    insertJobs: (jobs) => insertAll(jobs),
    getJob: readJob,
    listJobs: () => {
      // Row by row: 100,000 rows held at once besides their records doubled the memory start-up needs.
      const jobs: JobRecord[] = [];
      const seen = new Map<string, string>();
      const shared = (value: string): string => seen.get(value) ?? (seen.set(value, value), value);
      for (const values of sql.listJobs.iterate()) jobs.push(secrets.open(fromJobValues(values, shared)));
      return jobs;
    },
    updateJob: (id, patch) => updateJobTx(id, patch),
    deleteJobs: (ids) => deleteAll(ids),
    saveSegments: (id, segments) => saveSegmentsTx(id, segments),
    loadSegments: (id) => sql.loadSegments.all(id).map((s) => ({ start: s.start, end: s.end, done: s.done })),
    loadRecordedBytes: () => new Map(sql.recordedBytes.all().map((r) => [r.job_id, r.done])),
    saveProgress: (entries) => saveProgressTx(entries),
    setPositions: (order) => setPositionsTx(order),
    loadSettings: () => readSettings(sql.loadSettings.all(), secrets),
    saveSettings: (patch) => saveSettingsTx(patch),
    loadPrefs: () => readPrefs(sql.loadPrefs.all()),
    savePrefs: (patch) => savePrefsTx(patch),
    close: () => {
      if (db.open) db.close();
    },
  };
  return guardWrites(store, file, ['insertJobs', 'updateJob', 'deleteJobs', 'saveSegments', 'saveProgress', 'setPositions', 'saveSettings', 'savePrefs']);
}

/** Values come from disk: drop keys this version doesn't know and values its schema rejects. */
function readSettings(rows: { key: string; value: string }[], secrets: SecretCodec): Partial<Settings> {
  const out: Record<string, unknown> = {};
  const shape: Record<string, { safeParse(v: unknown): { success: boolean } }> = SettingsSchema.shape;
  for (const { key, value } of rows) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (field === undefined) continue;
    let parsed: unknown;
    try {
      parsed = secrets.openSetting(key, JSON.parse(value));
    } catch {
      continue;
    }
    if (field.safeParse(parsed).success) out[key] = parsed;
  }
  return out as Partial<Settings>;
}

function readPrefs(rows: { key: string; value: string }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of rows) {
    try {
      out[key] = JSON.parse(value);
    } catch {
      // A damaged value falls back to its default.
    }
  }
  return out;
}
