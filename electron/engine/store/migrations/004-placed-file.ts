import type { Migration } from '../migrate';

/** What identifies the file a download renamed into place (JSON), checked before deleting it. */
export const migration004: Migration = {
  version: 4,
  up(db) {
    db.exec('ALTER TABLE jobs ADD COLUMN placed_file TEXT;');
  },
};
