import type { Migration } from '../migrate';

/**
 * The UI's preferences (theme, language, columns…), apart from the engine's settings: a client
 * changing its theme must never reconfigure downloads. One JSON value per key, like settings.
 */
export const migration006: Migration = {
  version: 6,
  up(db) {
    db.exec('CREATE TABLE prefs (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;');
  },
};
