// `haul get`: runs the engine in-process on the given URLs and reports until every one of
// them has completed or failed. Re-running the same command continues what was interrupted.
import { resolve } from 'node:path';
import type { AddJobInput } from '../../shared/api/contract';
import type { ErrorInfo } from '../../shared/errors';
import type { JobSnapshot } from '../../shared/models/job';
import { parseUrlList, validateDownloadUrl } from '../../shared/url-list';
import { Engine } from '../engine/engine';
import { databasePath, defaultDownloadDir, logPath, openDataHome } from '../engine/paths';
import { openSqliteJobStore } from '../engine/store';
import { hasSealedCredentials } from '../engine/secrets/job-secrets';
import type { Spawner } from '../engine/pool';
import type { GetOptions } from './args';
import { cookieHeaderFor, parseCookiesFile } from './cookies-file';
import { EarlierJobs } from './earlier-jobs';
import { parseNetrc, withNetrcCredentials } from './netrc';
import { readOptionFile, settingsFrom } from './run-settings';
import type { Reporter } from './reporter';
import { localCalls } from './local-calls';

export interface GetIo {
  reporter: Reporter;
  readStdin(): Promise<string>;
  /** Registers a handler for Ctrl-C / SIGTERM; returns an unregister function. */
  onInterrupt(handler: () => void): () => void;
  /** The worker pool for verification and extraction. */
  pool: { spawner: Spawner; workerScript: string };
  /** Registers a synchronous save for the crash guard; returns a function that unregisters it. */
  protect?(save: () => void): () => void;
}

interface Wanted extends AddJobInput {
  line: number | null;
}

export async function runGet(opts: GetOptions, io: GetIo): Promise<number> {
  const { reporter } = io;
  let rejected = 0;
  const wanted: Wanted[] = [];
  const base = {
    headers: Object.keys(opts.headers).length ? opts.headers : undefined,
    connections: opts.connections ?? undefined,
    speedLimit: opts.limitPerDownload ?? undefined,
    extract: opts.extract || undefined,
    deleteArchive: opts.deleteArchive || undefined,
  };
  for (const url of opts.urls) {
    const checked = validateDownloadUrl(url);
    if (!checked.ok) {
      rejected++;
      reporter.rejected(url, null, checked.error);
      continue;
    }
    wanted.push({
      ...base,
      url: checked.url,
      dir: opts.dir ?? undefined,
      name: opts.out ?? undefined,
      checksum: opts.checksum ?? undefined,
      checksumUrl: opts.checksumUrl ?? undefined,
      mirrors: opts.mirrors.length > 0 ? opts.mirrors : undefined,
      line: null,
    });
  }
  if (opts.input !== null) {
    const text = opts.input === '-' ? await io.readStdin() : await readOptionFile('--input', opts.input);
    const list = parseUrlList(text);
    for (const r of list.rejected) {
      rejected++;
      reporter.rejected(r.input, r.line, r.error);
    }
    for (const e of list.entries) {
      const dir = e.dir !== undefined ? resolve(opts.dir ?? '.', e.dir) : opts.dir ?? undefined;
      const headers = e.headers || base.headers ? { ...base.headers, ...e.headers } : undefined;
      // aria2 spells algorithms with a dash (sha-256=…); parseChecksum takes both.
      wanted.push({ ...base, url: e.url, dir, name: e.out, headers, checksum: e.checksum, mirrors: e.mirrors, line: e.line });
    }
  }

  if (opts.netrc !== null) {
    const entries = parseNetrc(await readOptionFile('--netrc', opts.netrc), opts.netrc);
    for (const w of wanted) {
      w.url = withNetrcCredentials(w.url, entries);
      w.mirrors = w.mirrors?.map((m) => withNetrcCredentials(m, entries));
    }
  }
  if (opts.loadCookies !== null) {
    const cookies = parseCookiesFile(await readOptionFile('--load-cookies', opts.loadCookies), opts.loadCookies);
    for (const w of wanted) w.headers = withCookies(w.headers, cookieHeaderFor(cookies, w.url));
  }

  const overrides = await settingsFrom(opts, process.env);
  // The log always goes there, and the database unless --db says otherwise.
  openDataHome();
  const store = openSqliteJobStore(opts.db ?? databasePath(), { exclusive: true });
  const engine = new Engine({ store, defaultDownloadDir: defaultDownloadDir(), autoResume: false, overrides, pool: io.pool, logFile: logPath() });
  const unprotect = io.protect?.(() => engine.saveNow());
  const call = localCalls(engine);

  const started = performance.now();
  const pending = new Set<string>();
  /** What each download already had when this run took it on. */
  const hadBytes = new Map<string, number>();
  let fetched = 0;
  let completed = 0;
  let failed = 0;
  /** Until every download of this run is registered, an empty `pending` does not mean the end. */
  let registering = true;
  let finish!: () => void;
  const finished = new Promise<void>((done) => {
    finish = done;
    const settle = (job: JobSnapshot, error: ErrorInfo | null): void => {
      if (!pending.delete(job.id)) return;
      const size = error ? job.received : job.total ?? job.received;
      fetched += Math.max(0, size - (hadBytes.get(job.id) ?? 0));
      if (error) {
        failed++;
        reporter.failed(job, error);
      } else {
        completed++;
        reporter.completed(job, job.total ?? job.received);
      }
      if (pending.size === 0 && !registering) done();
    };
    engine.events.on('jobs.updated', ({ jobs }) => {
      reporter.progress(jobs.filter((j) => pending.has(j.id)));
    });
    // At once, not on the next progress tick: the last download's end is the end of the run.
    engine.onSettled((j) => {
      if (j.status === 'completed') settle(j, null);
      // A full disk pauses the job (resumable); for this run it is over.
      else settle(j, j.error ?? { code: 'HAUL_E_CANCELLED', message: 'Cancelled.' });
    });
  });

  const known = engine.list();
  const earlier = new EarlierJobs(known);
  const toAdd: Wanted[] = [];
  const alreadyDone: JobSnapshot[] = [];
  const carryOn = async (job: JobSnapshot): Promise<void> => {
    const { id } = job;
    if (pending.has(id)) return; // asked for twice in this run
    pending.add(id);
    hadBytes.set(id, job.received);
    await call('jobs.retry', { ids: [id] });
    await call('jobs.resume', { ids: [id] });
  };
  // `haul resume`: everything that has not finished, in queue order.
  if (opts.resumeAll) for (const j of known) if (j.status !== 'completed' && j.status !== 'cancelled') await carryOn(j);
  for (const w of wanted) {
    const found = await earlier.find(resolve(w.dir ?? engine.downloadDir), w.url, w.name, w.mirrors);
    if (found.kind === 'done') {
      alreadyDone.push(found.job);
    } else if (found.kind === 'unfinished') {
      // The same file from a new address: the engine checks the kept bytes against it. Credentials
      // the desktop app sealed are replaced by the ones this run gives, if any.
      const giveAgain = found.newAddress || hasSealedCredentials(found.job);
      if (giveAgain && !pending.has(found.job.id)) await call('jobs.setUrl', { id: found.job.id, url: w.url, ...(w.headers && { headers: w.headers }) });
      await carryOn(found.job);
    } else {
      toAdd.push(w);
    }
  }
  const resumed = [...pending];
  // This run's per-download options apply to the downloads it continues, too.
  if (resumed.length > 0 && (opts.limitPerDownload !== null || opts.connections !== null)) {
    await call('jobs.update', { ids: resumed, ...(opts.limitPerDownload !== null && { speedLimit: opts.limitPerDownload }), ...(opts.connections !== null && { connections: opts.connections }) });
  }
  engine.focus(resumed);
  for (const id of resumed) reporter.added(engine.snapshot(id)!);
  if (toAdd.length > 0) {
    const out = await call('jobs.add', { items: toAdd.map(({ line: _line, ...item }) => item) });
    for (const r of out.rejected) {
      rejected++;
      reporter.rejected(r.input, toAdd[r.index]?.line ?? null, r.error.message);
    }
    for (const id of out.ids) {
      pending.add(id);
      reporter.added(engine.snapshot(id)!);
    }
  }
  for (const j of alreadyDone) {
    completed++;
    reporter.completed(j, j.total ?? j.received);
  }
  registering = false;
  if (opts.resumeAll && pending.size === 0 && wanted.length === 0) reporter.notice('Nothing to resume: every download in the database has finished.');
  if (pending.size === 0) finish();

  let interrupted = false;
  const stopListening = io.onInterrupt(() => {
    interrupted = true;
    // Interrupted either way; a save that failed on the way out (a full disk) is said, not thrown.
    void engine.close().then(
      () => process.exit(130),
      (err: unknown) => {
        process.stderr.write(`haul: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(130);
      },
    );
  });
  // The engine's timers don't hold the process open; this does, until every job has ended.
  const keepAlive = setInterval(() => undefined, 60_000);
  await finished;
  clearInterval(keepAlive);
  stopListening();
  // The summary comes even when the last save failed (a full disk); that failure is reported after it.
  const closed = interrupted ? null : await engine.close().then(() => null, (err: unknown) => err as Error);
  unprotect?.();
  reporter.summary({ completed, failed, rejected, fetched, seconds: (performance.now() - started) / 1000 });
  if (closed) throw closed;
  return failed > 0 || rejected > 0 ? 1 : 0;
}

/** A Cookie header given with --header keeps its cookies; the file's come after them. */
function withCookies(headers: Record<string, string> | undefined, cookies: string | null): Record<string, string> | undefined {
  if (cookies === null) return headers;
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === 'cookie');
  if (key === undefined) return { ...headers, Cookie: cookies };
  return { ...headers, [key]: `${headers![key]}; ${cookies}` };
}
