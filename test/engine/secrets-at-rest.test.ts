// Credentials at rest: with a secret box (the desktop app's safeStorage; here a real AES-GCM box
// of the test's, as the Electron binary cannot run here) the database's files never hold a
// password or a Cookie / Authorization value; without one (the CLI) sealed values stay sealed
// and are written back as they are. Real SQLite files, read byte by byte.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasSealedCredentials } from '../../electron/engine/secrets/job-secrets';
import { openSqliteJobStore } from '../../electron/engine/store';
import { describeJobStoreContract, makeJob } from '../../electron/engine/store/job-store.contract';
import type { JobRecord, JobStore } from '../../electron/engine/store/job-store';
import { testSecretBox } from '../helpers/test-secret-box';

const PASSWORD = 'hunter2-Pa55';
const COOKIE = 'session=c00kie-V4lue';
const BEARER = 'Bearer t0ken-V4lue';
const PROXY_AUTH = 'Basic cHJveHktdXNlcjpwcm94eS1wdw==';
const PROXY_PASSWORD = 'pr0xy-Pa55';
/** What must never be found in the files: each secret as typed (and the one in the cookie by itself). */
const SECRETS = [PASSWORD, 'c00kie-V4lue', 't0ken-V4lue', 'cHJveHktdXNlcjpwcm94eS1wdw', PROXY_PASSWORD];
const PROXY_URL = `http://px:${PROXY_PASSWORD}@127.0.0.1:3128`;

function secretJob(id: string): JobRecord {
  return makeJob(id, {
    url: `https://ann:${PASSWORD}@example.com/f.iso`,
    options: {
      connections: 4,
      speedLimit: null,
      headers: { Cookie: COOKIE, authorization: BEARER, 'Proxy-Authorization': PROXY_AUTH, Referer: 'https://example.com/list' },
      checksumUrl: `https://ann:${PASSWORD}@example.com/f.iso.sha256`,
      mirrors: [`https://bob:${PASSWORD}@mirror.example.net/f.iso`],
    },
  });
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'haul-secrets-'));
  file = join(dir, 'haul.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every byte of the database and its -wal and -shm, as anyone able to read them would see. */
function filesOnDisk(): Buffer {
  return Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

function secretsIn(bytes: Buffer): string[] {
  return SECRETS.filter((s) => bytes.includes(Buffer.from(s)));
}

describe('credentials at rest', () => {
  it('with a box, none is in the files, while open or after; a reopen with the box gives every one back', () => {
    const box = testSecretBox();
    const job = secretJob('a');
    let store: JobStore = openSqliteJobStore(file, { secretBox: box });
    store.insertJobs([job]);
    store.updateJob('a', { finalUrl: `https://ann:${PASSWORD}@example.com/mirror/f.iso`, status: 'active' });
    store.saveSettings({ proxyUrl: PROXY_URL, maxJobs: 3 });
    const open = filesOnDisk();
    // Looking in the right place: what is not secret is there, in the WAL.
    expect(open.includes(Buffer.from('example.com/f.iso'))).toBe(true);
    expect(open.includes(Buffer.from('Referer'))).toBe(true);
    expect(secretsIn(open)).toEqual([]);
    store.close();
    expect(secretsIn(filesOnDisk())).toEqual([]);

    store = openSqliteJobStore(file, { secretBox: box });
    expect(store.getJob('a')).toEqual({ ...job, finalUrl: `https://ann:${PASSWORD}@example.com/mirror/f.iso`, status: 'active' });
    expect(store.listJobs()[0]!.options).toEqual(job.options);
    expect(store.loadSettings()).toEqual({ proxyUrl: PROXY_URL, maxJobs: 3 });
    store.close();
  });

  it('without the box (the CLI), they stay sealed and are written back as they are; the box opens them after', () => {
    const box = testSecretBox();
    const job = secretJob('a');
    let store: JobStore = openSqliteJobStore(file, { secretBox: box });
    store.insertJobs([job]);
    store.saveSettings({ proxyUrl: PROXY_URL });
    store.close();

    store = openSqliteJobStore(file);
    const sealed = store.getJob('a')!;
    // Who and where stay readable; the secrets do not.
    expect(sealed.url).toMatch(/^https:\/\/ann:haul-sealed\.[\w-]+@example\.com\/f\.iso$/);
    expect(sealed.options.mirrors![0]).toMatch(/^https:\/\/bob:haul-sealed\.[\w-]+@mirror\.example\.net\/f\.iso$/);
    expect(sealed.options.headers.Referer).toBe('https://example.com/list');
    for (const name of ['Cookie', 'authorization', 'Proxy-Authorization']) expect(sealed.options.headers[name]).toMatch(/^haul-sealed\./);
    expect(hasSealedCredentials(sealed)).toBe(true);
    expect(store.loadSettings().proxyUrl).toMatch(/^http:\/\/px:haul-sealed\.[\w-]+@127\.0\.0\.1:3128$/);
    // The CLI changes the job, writing the sealed values back with it.
    store.updateJob('a', { status: 'failed', options: { ...sealed.options, speedLimit: 5000 } });
    store.close();

    // Another key (a keyring that was reset) cannot open them either: they stay sealed, never garbled.
    store = openSqliteJobStore(file, { secretBox: testSecretBox() });
    expect(hasSealedCredentials(store.getJob('a')!)).toBe(true);
    store.close();

    store = openSqliteJobStore(file, { secretBox: box });
    expect(store.getJob('a')).toEqual({ ...job, status: 'failed', options: { ...job.options, speedLimit: 5000 } });
    expect(store.loadSettings().proxyUrl).toBe(PROXY_URL);
    store.close();
  });

  it('written as typed (by the CLI or an older Haul), they are sealed when the app opens the database, leaving no copy in its files', () => {
    let store: JobStore = openSqliteJobStore(file);
    store.insertJobs([secretJob('a'), makeJob('plain')]);
    // Rewrites leave the row's earlier text in free space: it must go too.
    for (let i = 0; i < 20; i++) store.updateJob('a', { note: { kind: 'text', text: 'x'.repeat(i * 37) }, finalUrl: `https://ann:${PASSWORD}@example.com/${i}/f.iso` });
    store.saveSettings({ proxyUrl: PROXY_URL });
    store.close();
    expect(secretsIn(filesOnDisk())).toEqual(SECRETS); // the test sees them when they are there

    const box = testSecretBox();
    store = openSqliteJobStore(file, { secretBox: box });
    expect(secretsIn(filesOnDisk())).toEqual([]);
    expect(store.getJob('a')!.options).toEqual(secretJob('a').options);
    expect(store.getJob('a')!.finalUrl).toBe(`https://ann:${PASSWORD}@example.com/19/f.iso`);
    expect(store.getJob('plain')).toEqual(makeJob('plain'));
    expect(store.loadSettings().proxyUrl).toBe(PROXY_URL);
    store.close();
    expect(secretsIn(filesOnDisk())).toEqual([]);
  });

  it('an app without secrets to seal opens the database without rewriting it', () => {
    let store: JobStore = openSqliteJobStore(file);
    store.insertJobs([makeJob('plain')]);
    store.close();
    const box = testSecretBox();
    store = openSqliteJobStore(file, { secretBox: box });
    expect(box.sealed).toBe(0);
    store.close();
  });
});

describeJobStoreContract(
  'sqlite with a secret box',
  () => {
    const root = mkdtempSync(join(tmpdir(), 'haul-store-box-'));
    const path = join(root, 'jobs.db');
    const box = testSecretBox();
    let current: JobStore = openSqliteJobStore(path, { secretBox: box });
    return {
      store: current,
      reopen: () => {
        current.close();
        current = openSqliteJobStore(path, { secretBox: box });
        return current;
      },
      cleanup: () => {
        current.close();
        rmSync(root, { recursive: true, force: true });
      },
    };
  },
  { persistent: true },
);
