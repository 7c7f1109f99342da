// How the SQLite store keeps credentials at rest when it was given a secret box (the desktop app):
// sealed on the way in, opened on the way out, per value (see secrets/secret-box.ts). Without a
// box (the CLI) values go in and come out as they are, sealed ones included.
import type Database from 'better-sqlite3';
import type { JobOptions } from '../../../shared/models/job';
import { mapJobSecrets, mapUrlPassword } from '../secrets/job-secrets';
import { openWith, sealWith, type SecretBox, type SecretMap } from '../secrets/secret-box';
import type { JobRecord } from './job-store';

type SecretFields = Partial<Pick<JobRecord, 'url' | 'finalUrl' | 'options'>>;

export interface SecretCodec {
  /** Whether values are sealed at all (a box was given). */
  readonly sealing: boolean;
  seal<T extends SecretFields>(fields: T): T;
  open<T extends SecretFields>(fields: T): T;
  /** A setting's value as stored, and back: the proxy's password is a secret too. */
  sealSetting(key: string, value: unknown): unknown;
  openSetting(key: string, value: unknown): unknown;
}

const SECRET_SETTINGS = new Set(['proxyUrl']);

/** Without a box everything is stored and read as it is, at no cost per write. */
const AS_IS: SecretCodec = {
  sealing: false,
  seal: (fields) => fields,
  open: (fields) => fields,
  sealSetting: (_key, value) => value,
  openSetting: (_key, value) => value,
};

export function secretCodec(box: SecretBox | undefined): SecretCodec {
  if (!box) return AS_IS;
  const [seal, open] = [sealWith(box), openWith(box)];
  const setting = (map: SecretMap) => (key: string, value: unknown) =>
    SECRET_SETTINGS.has(key) && typeof value === 'string' ? mapUrlPassword(value, map) : value;
  return {
    sealing: true,
    seal: (fields) => mapJobSecrets(fields, seal),
    open: (fields) => mapJobSecrets(fields, open),
    sealSetting: setting(seal),
    openSetting: setting(open),
  };
}

/** A stored setting (JSON text) with its secret sealed; as it was when it is not JSON (dropped when read). */
function sealedSetting(codec: SecretCodec, text: string): string {
  try {
    return JSON.stringify(codec.sealSetting('proxyUrl', JSON.parse(text) as unknown));
  } catch {
    return text;
  }
}

interface SecretRow {
  id: string;
  url: string;
  final_url: string | null;
  options: string;
}

/**
 * Seals the credentials a store without a box (the CLI, or a version before sealing) wrote as
 * typed. Then the file is rebuilt and the WAL emptied: SQLite leaves the old text of a rewritten
 * row in free space and in WAL frames until those are reused.
 */
export function sealPlainSecrets(db: Database.Database, codec: SecretCodec): void {
  if (!codec.sealing) return;
  try {
    if (sealRows(db, codec)) {
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
  } catch {
    // A full disk must not keep the app from starting: they are sealed at a later start.
  }
}

/** Seals what is stored as typed, in one transaction; whether anything changed. */
function sealRows(db: Database.Database, codec: SecretCodec): boolean {
  // A cheap filter first: most downloads carry no credentials at all.
  const rows = db
    .prepare<[], SecretRow>(
      "SELECT id, url, final_url, options FROM jobs WHERE url LIKE '%@%' OR final_url LIKE '%@%' OR options LIKE '%@%' OR options LIKE '%authorization%' OR options LIKE '%cookie%'",
    )
    .all();
  const update = db.prepare<[string, string | null, string, string]>('UPDATE jobs SET url = ?, final_url = ?, options = ? WHERE id = ?');
  const proxy = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'proxyUrl'").get();
  let changed = false;
  db.transaction(() => {
    for (const row of rows) {
      let options: JobOptions;
      try {
        options = JSON.parse(row.options) as JobOptions;
      } catch {
        continue; // reported when the job is read
      }
      const before = { url: row.url, finalUrl: row.final_url, options };
      const after = codec.seal(before);
      if (after === before) continue;
      update.run(after.url, after.finalUrl, JSON.stringify(after.options), row.id);
      changed = true;
    }
    if (proxy !== undefined) {
      const sealed = sealedSetting(codec, proxy.value);
      if (sealed !== proxy.value) {
        db.prepare<[string]>("UPDATE settings SET value = ? WHERE key = 'proxyUrl'").run(sealed);
        changed = true;
      }
    }
  })();
  return changed;
}
