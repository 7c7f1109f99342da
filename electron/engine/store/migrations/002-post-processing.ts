import type { Migration } from '../migrate';

/** Results of the post-processing stage: verification outcome and extraction folder. */
export const migration002: Migration = {
  version: 2,
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN checksum TEXT;
      ALTER TABLE jobs ADD COLUMN extracted_to TEXT;
    `);
  },
};
