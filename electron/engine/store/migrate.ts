// Schema versions live in SQLite's `user_version`; each migration moves it up by one, inside
// its own transaction, so a crash mid-migration leaves the previous version intact.
import type Database from 'better-sqlite3';
import { HaulError } from '../../../shared/errors';

export interface Migration {
  /** The user_version this migration produces; versions run 1, 2, 3… with no gaps. */
  readonly version: number;
  up(db: Database.Database): void;
}

export function readUserVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Throws unless the list is 1..N in order: a gap or duplicate is a programming error. */
export function latestVersion(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new HaulError('HAUL_E_INTERNAL', `Migration list is out of order: entry ${i} has version ${m.version}`);
    }
  });
  return migrations.length;
}

export function assertNotTooNew(db: Database.Database, file: string, migrations: readonly Migration[]): void {
  const found = readUserVersion(db);
  const known = latestVersion(migrations);
  if (found > known) {
    throw new HaulError(
      'HAUL_E_DB_TOO_NEW',
      `The job database ${file} has schema version ${found}, but this version of Haul knows only up to ` +
        `version ${known}. It was written by a newer Haul: update Haul, or move the file aside to start fresh.`,
    );
  }
}

/** Runs every migration above the database's version; returns the resulting version. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  latestVersion(migrations);
  for (const m of migrations) {
    if (m.version <= readUserVersion(db)) continue;
    db.transaction(() => {
      m.up(db);
      // user_version lives in the file header, so it commits or rolls back with the schema change.
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return readUserVersion(db);
}
