import type { Migration } from '../migrate';

export const migration001: Migration = {
  version: 1,
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id             TEXT PRIMARY KEY NOT NULL,
        url            TEXT NOT NULL,
        final_url      TEXT,
        dir            TEXT NOT NULL,
        requested_name TEXT,
        name           TEXT,
        status         TEXT NOT NULL,
        position       INTEGER NOT NULL,
        total          INTEGER,
        etag           TEXT,
        last_modified  TEXT,
        accept_ranges  INTEGER,
        options        TEXT NOT NULL,
        error          TEXT,
        note           TEXT,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL,
        completed_at   INTEGER
      );
      CREATE INDEX jobs_by_position ON jobs (position);

      -- The (job_id, idx) key also serves the foreign key's lookups on delete.
      CREATE TABLE segments (
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        idx    INTEGER NOT NULL,
        start  INTEGER NOT NULL,
        "end"  INTEGER,
        done   INTEGER NOT NULL,
        PRIMARY KEY (job_id, idx)
      ) WITHOUT ROWID;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
      );
    `);
  },
};
