import type { Migration } from '../migrate';

/**
 * From this version on, a password or a Cookie / Authorization value in the jobs table, and the
 * proxy's password in the settings, may be stored sealed by the desktop app (see
 * secrets/secret-box.ts). No table changes: the version moves so that an older Haul, which would
 * send a sealed value to a server as it is, refuses the database instead.
 */
export const migration003: Migration = {
  version: 3,
  up() {
    // Nothing to change in the tables.
  },
};
