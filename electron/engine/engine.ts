// The engine: plain Node, no Electron. It receives its collaborators through one config object
// with defaults, so the desktop app, the CLI, the web server and the tests run the same code.
import type { AddJobInput, AddJobsOutput, BatchOutput } from '../../shared/api/contract';
import { HaulError } from '../../shared/errors';
import { validateDownloadUrl } from '../../shared/url-list';
import { type GlobalStats, type JobSnapshot, type JobStatus } from '../../shared/models/job';
import type { ProbeResult } from '../../shared/models/job-row';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings, type SettingsPatch } from '../../shared/models/settings';
import { ProcessPool, defaultPoolSize, type Spawner } from './pool';
import { DEFAULT_RETRY_TIMING, type RetryTiming } from './download/retry-policy';
import { resolve } from 'node:path';
import { parseChecksum } from '../../shared/checksum';
import { EngineEvents } from './events';
import { sanitizeFileName } from './naming';
import { ownFinishedFile } from './scheduler/finished-file';
import { HttpFetchers } from './http-fetchers';
import { EventLog } from './event-log';
import { UiPrefs } from './ui-prefs';
import { newJobs, urlErrorCode } from './new-jobs';
import type { DownloadSlot, FetcherFactory, StartTicket } from './fetcher';
import { AddressProber } from './download/probe-address';
import { toSnapshot } from './job-snapshot';
import { ProgressTicker } from './scheduler/progress-ticker';
import { Scheduler } from './scheduler/scheduler';
import type { OptionsChange } from './scheduler/job-edits';
import type { ReorderTarget } from './scheduler/queue-order';
import type { JobRecord, JobStore } from './store/job-store';

export interface EngineConfig {
  store: JobStore;
  /** Used when neither the job nor the settings name a folder. */
  defaultDownloadDir: string;
  retry?: RetryTiming;
  /** Extra protocol fetchers; HTTP(S) is always there. */
  fetchers?: FetcherFactory[];
  /** Events leave at most this often (ms). */
  tickMs?: number;
  /** Progress is synced and recorded this often (ms). */
  flushMs?: number;
  /** How long a probe (the add dialog's preview) may take in all; default 15 s. */
  probeTimeoutMs?: number;
  /** Run queued jobs found in the store (desktop). The CLI runs only the jobs it focuses. */
  autoResume?: boolean;
  /** Settings for this process only, never saved (the CLI's flags). */
  overrides?: Partial<Settings>;
  /**
   * The process pool's spawner and worker script (utilityProcess under Electron, child_process
   * elsewhere). Without it, jobs that ask for verification or extraction fail with a clear error.
   */
  pool?: { spawner: Spawner; workerScript: string };
  /** Append a history of job events here (the data folder's haul.log in the app and the CLI). */
  logFile?: string;
}

/** Progress is synced and committed this often: at most twice a second. */
const DEFAULT_FLUSH_MS = 500;

export class Engine {
  readonly events = new EngineEvents();
  readonly prefs: UiPrefs;
  private settings: Settings;
  private readonly http: HttpFetchers;
  private readonly prober: AddressProber;
  private readonly scheduler: Scheduler;
  private readonly ticker: ProgressTicker;
  private readonly fetchers: FetcherFactory[];
  private readonly settledListeners = new Set<(job: JobSnapshot) => void>();
  private readonly flushTimer: NodeJS.Timeout;
  private readonly pool: ProcessPool | null;
  private readonly log: EventLog | null;
  private closing: Promise<void> | null = null;

  constructor(private readonly config: EngineConfig) {
    this.prefs = new UiPrefs(config.store, this.events);
    this.settings = SettingsSchema.parse({ ...DEFAULT_SETTINGS, ...config.store.loadSettings(), ...config.overrides });
    const s = this.settings;
    this.pool = config.pool ? new ProcessPool({ ...config.pool, size: poolSizeFor(s) }) : null;
    const pool = this.pool;
    this.http = new HttpFetchers({
      settings: () => this.settings,
      retry: config.retry ?? DEFAULT_RETRY_TIMING,
      job: (id) => this.scheduler.get(id),
      recordedBytes: (id) => this.scheduler.recordedBytes(id),
      hostFreed: () => this.scheduler.hostFreed(),
      openHash: pool ? (path, algo) => pool.openHashSession({ path, algo }) : null,
    });
    this.fetchers = [...(config.fetchers ?? []), this.http.factory()];
    this.prober = new AddressProber(this.http.client, config.probeTimeoutMs);
    this.scheduler = new Scheduler({
      store: config.store,
      extract: pool ? (payload, opts) => pool.run('extract', payload, { ...opts, settleWhenStopped: true }) : null,
      hash: pool ? (payload, opts) => pool.run('hash-file', payload, opts) : null,
      reserveName: (jobId, dir, name) => this.http.reserveName(jobId, dir, name),
      settings: () => this.settings,
      commitEveryMs: config.flushMs ?? DEFAULT_FLUSH_MS,
      claimStart: (job, slot) => this.claimStart(job, slot),
      wakeParked: () => this.http.wakeParked(),
      changed: (id) => this.ticker.changed(id),
      settled: (id) => this.notifySettled(id),
      removed: (id) => {
        this.http.releaseName(id);
        this.ticker.removed(id);
      },
    });
    this.ticker = new ProgressTicker(this.events, config.tickMs ?? 100, {
      snapshot: (id) => this.snapshot(id),
      running: () => this.scheduler.runningIds(),
      stats: () => this.stats(),
    });
    this.log = config.logFile ? new EventLog(config.logFile, this.events) : null;
    this.scheduler.load();
    for (const job of this.scheduler.list()) this.http.holdName(job);
    if (config.autoResume === false) this.scheduler.limitTo(new Set());
    // A failed commit (a full disk) keeps its changes for the next one: nothing to do here.
    this.flushTimer = setInterval(() => void this.scheduler.flushProgress().catch(() => undefined), config.flushMs ?? DEFAULT_FLUSH_MS);
    this.flushTimer.unref();
    this.scheduler.pump();
  }

  /** The platform's Downloads folder: what an empty downloadDir setting stands for. */
  get defaultDownloadDir(): string {
    return this.config.defaultDownloadDir;
  }

  get downloadDir(): string {
    return this.settings.downloadDir || this.config.defaultDownloadDir;
  }

  /** The new jobs as the engine sees them (clients get their ids: see handlers.ts). */
  addJobs(items: AddJobInput[], opts: { absoluteDirs?: boolean } = {}): { added: JobSnapshot[]; rejected: AddJobsOutput['rejected'] } {
    const { records, rejected } = newJobs(items, this.settings, this.downloadDir, this.scheduler.nextPosition(), opts.absoluteDirs);
    this.scheduler.allow(records.map((r) => r.id));
    if (records.length > 0) this.scheduler.add(records);
    return { added: records.map((r) => this.snapshot(r.id)!), rejected };
  }

  /** Every job's id, in queue order. */
  ids(): string[] {
    return this.scheduler.list().map((j) => j.id);
  }

  /** The ids of the jobs whose status is one of `statuses`, in queue order. */
  idsWith(statuses: readonly JobStatus[]): string[] {
    return this.scheduler.list().flatMap((j) => (statuses.includes(j.status) ? [j.id] : []));
  }

  /** Jobs per status, kept as statuses change (no walk over the jobs). */
  statusCounts(): Record<JobStatus, number> {
    return this.scheduler.statusCounts();
  }

  list(): JobSnapshot[] {
    return this.scheduler.list().map((j) => this.snapshot(j.id)!);
  }

  snapshot(id: string): JobSnapshot | undefined {
    const job = this.scheduler.get(id);
    const s = this.scheduler;
    return job && toSnapshot(job, s.progress(id), s.recordedBytes(id), s.stageProgress(id), s.stopping(id), s.waiting(id));
  }

  /**
   * Called at once (not on the next progress tick) when a job completes, fails, is cancelled or is
   * paused by an error: the CLI exits and the desktop app notifies without waiting up to a tick.
   */
  onSettled(listener: (job: JobSnapshot) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  private notifySettled(id: string): void {
    // A finished file is on disk: its name no longer needs holding.
    if (this.scheduler.get(id)?.status === 'completed') this.http.releaseName(id);
    if (this.settledListeners.size === 0) return;
    const snap = this.snapshot(id);
    // The job's state as it settled, delivered right after the scheduler's update: a listener that
    // throws then cannot leave that update half done.
    if (snap) queueMicrotask(() => this.settledListeners.forEach((listener) => listener(snap)));
  }

  /** Lets jobs run when the engine was started with autoResume: false. */
  focus(ids: string[]): void {
    this.scheduler.allow(ids);
    this.scheduler.pump();
  }

  // Commands on many jobs report ids that name no download instead of failing part way.
  pause(ids: string[]): BatchOutput { return this.scheduler.pause(ids); }
  resume(ids: string[]): BatchOutput { return this.scheduler.resume(ids); }
  retry(ids: string[]): BatchOutput { return this.scheduler.retry(ids); }
  cancel(ids: string[]): BatchOutput { return this.scheduler.cancel(ids); }
  remove(ids: string[], deleteFiles: boolean): Promise<BatchOutput> { return this.scheduler.remove(ids, deleteFiles); }
  reorder(ids: string[], to: ReorderTarget): BatchOutput { return this.scheduler.reorder(ids, to); }
  updateOptions(ids: string[], options: OptionsChange): BatchOutput {
    return this.scheduler.updateOptions(ids, options);
  }

  /** A new address for a download (an expired link, a mirror): see Scheduler.changeAddress. */
  changeAddress(id: string, url: string, headers?: Record<string, string>): string[] {
    const checked = validateDownloadUrl(url);
    if (!checked.ok) throw new HaulError(urlErrorCode(checked.error), checked.error);
    return this.scheduler.changeAddress(id, { url: checked.url, headers });
  }
  /** Name, size and resumability of an address, asked of its server; no job, nothing written. */
  probe(url: string, headers?: Record<string, string>): Promise<ProbeResult> {
    return this.prober.probe(url, headers);
  }

  /**
   * Moves unfinished downloads to `dir` (resolved here; omitted: each keeps its own) and/or
   * renames one (a name is made safe first, and refused when nothing usable is left).
   */
  move(ids: string[], to: { dir?: string; name?: string }): Promise<BatchOutput> {
    const name = to.name === undefined ? undefined : sanitizeFileName(to.name, { allowLeadingDot: true });
    if (name === '') throw new HaulError('HAUL_E_INVALID_INPUT', `"${to.name}" is not a usable file name.`);
    return this.scheduler.move(ids, { dir: to.dir === undefined ? undefined : resolve(to.dir), name });
  }

  /** Verifies finished files again, against `checksum` (`sha256=<hex>`…) or their own. */
  verify(ids: string[], checksum?: string): Promise<BatchOutput> {
    const expected = checksum === undefined ? undefined : parseChecksum(checksum);
    if (expected && 'error' in expected) throw new HaulError('HAUL_E_CHECKSUM_INVALID', expected.error);
    return this.scheduler.verify(ids, expected);
  }

  extract(ids: string[], deleteArchive?: boolean): Promise<BatchOutput> {
    return this.scheduler.extract(ids, deleteArchive);
  }

  /** The file a finished download put in place, while it is still that file (to open it, or show it). */
  finishedFile(id: string, action: string): Promise<string> {
    const job = this.scheduler.get(id);
    if (!job) throw new HaulError('HAUL_E_NOT_FOUND', `No download with id ${id}.`);
    return ownFinishedFile(job, action);
  }

  pauseAll(): string[] { return this.scheduler.pauseAll(); }
  resumeAll(): string[] { return this.scheduler.resumeAll(); }

  /** As stored: an empty downloadDir is "the platform's Downloads folder" (app.info names it), not its path today. */
  getSettings(): Settings {
    return { ...this.settings };
  }

  setSettings(patch: SettingsPatch): Settings {
    const next = SettingsSchema.parse({ ...this.settings, ...patch, ...this.config.overrides });
    this.http.configureClient(next); // refuses unusable certificates or proxy address
    this.config.store.saveSettings(patch);
    this.settings = next;
    this.http.setLimits(next);
    this.pool?.setSize(poolSizeFor(next));
    this.scheduler.pump();
    const out = this.getSettings();
    this.events.emit('settings.changed', out);
    return out;
  }

  /** What the progress tick reports: counts kept as statuses change, and the running jobs' speed. */
  stats(): GlobalStats {
    const n = this.scheduler.statusCounts();
    const stats: GlobalStats = { speed: 0, active: n.active, queued: n.queued, paused: n.paused, completed: n.completed, failed: n.failed };
    for (const id of this.scheduler.runningIds()) stats.speed += this.scheduler.progress(id)?.speed ?? 0;
    return stats;
  }

  /**
   * Commits every pending change at once, synchronously: for the crash guard, when the process
   * is about to end. Ranges are recorded only after their bytes were synced, so this never
   * records bytes that are not on disk.
   */
  saveNow(): void {
    this.scheduler.saveNow();
  }

  /** Stops downloads (they stay queued for next time), records progress, emits a last update. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.flushTimer);
      // Everything is shut down even when the last commit fails (a full disk); then that is reported.
      const saved = await this.scheduler.shutdown().then(() => null, (err: unknown) => err as Error);
      await this.pool?.close();
      this.ticker.flush();
      this.ticker.stop();
      await this.log?.flushed();
      await this.http.close();
      this.config.store.close();
      if (saved) throw saved;
    })();
    return this.closing;
  }

  private claimStart(job: JobRecord, slot: DownloadSlot): StartTicket | null {
    const url = new URL(job.url);
    const factory = this.fetchers.find((f) => f.handles(url));
    if (!factory) throw new HaulError('HAUL_E_UNSUPPORTED_PROTOCOL', `No downloader for ${url.protocol} URLs.`);
    return factory.claim(job, slot);
  }
}

function poolSizeFor(s: Settings): number {
  return s.poolSize > 0 ? s.poolSize : defaultPoolSize();
}
