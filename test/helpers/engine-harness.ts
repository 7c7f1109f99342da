// A real engine on a real SQLite file in a temp folder, with retry timing shortened so tests
// about backoff finish quickly. Nothing here is a double.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JobSnapshot, JobStatus } from '../../shared/models/job';
import type { Settings } from '../../shared/models/settings';
import { Engine, type EngineConfig } from '../../electron/engine/engine';
import type { RetryTiming } from '../../electron/engine/download/retry-policy';
import { openSqliteJobStore, type SqliteJobStoreOptions } from '../../electron/engine/store';
import { ChildProcessSpawner } from '../../electron/engine/pool';
import { waitUntil } from './wait-until';

/** The real worker script, run through tsx by the child-process spawner. */
export const WORKER_SCRIPT = fileURLToPath(new URL('../../electron/workers/post-worker.ts', import.meta.url));
export const withPool = (): Partial<EngineConfig> => ({ pool: { spawner: new ChildProcessSpawner(), workerScript: WORKER_SCRIPT } });

export const FAST_RETRY: RetryTiming = { baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 3000 };

export interface Harness {
  root: string;
  downloads: string;
  dbPath: string;
  engine: Engine;
  /** A new engine on the same database (the old one must be closed first), its store opened with `store` when given. */
  reopen(config?: Partial<EngineConfig>, store?: SqliteJobStoreOptions): Engine;
  waitFor(id: string, statuses: JobStatus[], timeoutMs?: number): Promise<JobSnapshot>;
  waitUntil(pred: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  cleanup(): Promise<void>;
}

export const TEST_SETTINGS: Partial<Settings> = { minSplitSize: 64 * 1024, stallTimeoutMs: 2000, connectTimeoutMs: 2000, maxTries: 5 };

export async function makeHarness(config: Partial<EngineConfig> = {}, settings: Partial<Settings> = {}, storeOptions: SqliteJobStoreOptions = {}): Promise<Harness> {
  const root = await mkdtemp(join(tmpdir(), 'haul-test-'));
  const downloads = join(root, 'downloads');
  const dbPath = join(root, 'state', 'haul.db');
  const build = (extra: Partial<EngineConfig> = {}, store = storeOptions): Engine =>
    new Engine({
      store: openSqliteJobStore(dbPath, store),
      defaultDownloadDir: downloads,
      retry: FAST_RETRY,
      tickMs: 50,
      flushMs: 100,
      overrides: { ...TEST_SETTINGS, ...settings },
      ...config,
      ...extra,
    });
  const h: Harness = {
    root,
    downloads,
    dbPath,
    engine: build(),
    reopen(extra, store) {
      h.engine = build(extra, store);
      return h.engine;
    },
    async waitFor(id, statuses, timeoutMs = 20_000) {
      let last: JobSnapshot | undefined;
      await h.waitUntil(
        () => {
          last = h.engine.snapshot(id);
          return last !== undefined && statuses.includes(last.status);
        },
        `job ${id} to become ${statuses.join('|')}`,
        timeoutMs,
      ).catch((err: Error) => {
        throw new Error(`${err.message}; last state: ${JSON.stringify(last && { ...last, segments: last.segments.length })}`);
      });
      return last!;
    },
    waitUntil,
    async cleanup() {
      await h.engine.close().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
  return h;
}
