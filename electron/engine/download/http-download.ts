// One HTTP(S) download: probe or resume, plan the ranges, run the connections, and put the
// finished file in place. Restarts from zero (and says why) when the content changed.
import { join } from 'node:path';
import { HaulError } from '../../../shared/errors';
import type { RetryWait } from '../../../shared/models/job';
import type { JobNote } from '../../../shared/models/job-note';
import type { Settings } from '../../../shared/models/settings';
import type { Fetcher, FetcherHooks, FetchProgress } from '../fetcher';
import { headersFor } from '../http/credentials';
import { assertCredentialsOpen } from '../secrets/job-secrets';
import type { HttpClient } from '../http/http-client';
import { ifRangeValidator, type Expected } from '../http/response-checks';
import type { JobRecord, SegmentRecord } from '../store/job-store';
import { RangeMismatch } from './download-errors';
import type { HostSlots } from './host-limiter';
import { fileSize } from './part-file';
import { PartSession } from './part-session';
import { putInPlace } from './put-in-place';
import { placedFileAt } from './placed-file';
import { cannotResume, finishedBeforeCrash } from './resume-check';
import { probe } from './probe';
import { TokenBucket } from './rate-limiter';
import type { RetryTiming } from './retry-policy';
import { pieceFor } from './segment-planner';
import { SegmentTable, type LiveSegment } from './segment-table';
import { drainEmpty, releaseOpened, type Opened, type SegmentContext } from './segment-runner';
import { ConnectionPool } from './connection-pool';
import { ConnectionStats } from './connection-stats';
import { SpeedMeter } from './speed-meter';
import { checksumFromUrl } from './checksum-file';
import { ensureRoom } from './disk-room';
import { Verification, mismatchError, type OpenStreamingHash } from './verification';

export interface HttpDownloadDeps {
  client: HttpClient;
  hosts: HostSlots;
  globalBucket: TokenBucket;
  settings: () => Settings;
  retry: RetryTiming;
  /** Picks the file name for a fresh download and reserves a free path for it. */
  chooseName(job: JobRecord, hints: { contentDisposition: string | null; contentType: string | null; finalUrl: string }): Promise<string>;
  /** A path free on disk and among other jobs, for when the chosen one was taken meanwhile. */
  reservePath(dir: string, name: string): Promise<string>;
  /** Streamed hashing in the process pool; null when the engine runs without one. */
  openHash: OpenStreamingHash | null;
}

const MAX_RESTARTS = 3;

export class HttpDownload implements Fetcher {
  private readonly stopper = new AbortController();
  private readonly jobBucket: TokenBucket;
  private readonly meter = new SpeedMeter();
  /** Latency and speed of this download's requests, kept across attempts (same server, same path). */
  private readonly stats = new ConnectionStats();
  private table: SegmentTable | null = null;
  /** Set once the name is known (a fresh download learns it from the first response). */
  private session: PartSession | null = null;
  /** Set after a server ignored a byte range: the restart then uses a single connection. */
  private singleConnection = false;
  private pool: ConnectionPool | null = null;
  private verification: Verification | null = null;
  /** The verification finishing once every byte is in, for the verify stage's progress. */
  private verifying: Verification | null = null;
  /** The last wait to try again, until bytes arrive again (then the job is moving, whatever one connection does). */
  private retryWait: RetryWait | null = null;
  /** The length this run wrote to the database with the name (undefined: none written yet). */
  private recordedTotal: number | null | undefined = undefined;

  constructor(
    private readonly deps: HttpDownloadDeps,
    private job: JobRecord,
    private records: SegmentRecord[],
    private readonly hooks: FetcherHooks,
  ) {
    this.jobBucket = new TokenBucket(job.options.speedLimit);
  }

  setSpeedLimit(rate: number | null): void {
    this.jobBucket.setRate(rate);
  }

  setConnections(n: number): void {
    this.job = { ...this.job, options: { ...this.job.options, connections: n } };
    this.pool?.resize();
  }

  stop(): void {
    this.stopper.abort(new HaulError('HAUL_E_CANCELLED', 'Stopped.'));
  }

  progress(): FetchProgress {
    const t = this.table;
    return {
      received: t ? t.received : this.records.reduce((n, r) => n + r.done, 0),
      total: this.job.total,
      speed: this.meter.rate(),
      activeConnections: t ? t.activeCount() : 0,
      segments: t ? t.snapshots() : [],
      retry: this.retryWait,
      stage: this.verifying?.stage() ?? null,
    };
  }

  checkpoint(): Promise<void> {
    return this.session?.checkpoint(this.table) ?? Promise.resolve();
  }

  async run(): Promise<'completed' | 'stopped'> {
    try {
      assertCredentialsOpen(this.job);
      for (let restarts = 0; ; restarts++) {
        try {
          return await this.attempt();
        } catch (err) {
          if (!(err instanceof RangeMismatch) || this.stopper.signal.aborted) throw err;
          if (err.kind === 'range-ignored') this.singleConnection = true;
          if (restarts >= MAX_RESTARTS) {
            throw new HaulError('HAUL_E_CONTENT_CHANGED', `Restarted ${restarts} times and the server's file kept changing: ${err.message}`);
          }
          await this.resetForRestart({ kind: 'restarted', cause: err.restart });
        }
      }
    } catch (err) {
      if (this.stopper.signal.aborted && !(err instanceof HaulError && err.code === 'HAUL_E_DISK_FULL')) return 'stopped';
      throw err;
    } finally {
      this.verification?.cancel();
      this.verification = null;
      // Record what is safely on disk before letting go of the file (pause, failure, disk full).
      await this.session?.release(this.table);
    }
  }

  private async attempt(): Promise<'completed' | 'stopped'> {
    const resumable = this.job.name !== null && this.records.length > 0 && this.records.some((r) => r.done > 0);
    // The .part is looked at once, for both questions.
    const partSize = this.job.name === null ? null : await fileSize(this.partPath());
    const finalPath = this.job.name === null ? null : join(this.job.dir, this.job.name);
    if (finalPath !== null && (await finishedBeforeCrash(this.job, partSize, finalPath))) {
      const total = this.job.total!;
      this.table = new SegmentTable([{ start: 0, end: total, done: total }]);
      this.hooks.saveSegments(this.table.records());
      this.patch({ completedAt: Date.now(), placedFile: await placedFileAt(finalPath) });
      return 'completed';
    }
    if (resumable) {
      const why = cannotResume(this.job, this.records, partSize);
      if (why) await this.resetForRestart({ kind: 'restarted', cause: why });
    }
    return this.records.some((r) => r.done > 0) ? this.resume() : this.fresh();
  }

  private async fresh(): Promise<'completed' | 'stopped'> {
    const s = this.deps.settings();
    const p = await probe({ ...this.baseContext(this.job.url), url: this.job.url });
    this.retryWait = null;
    const { info, response } = p;
    // The first answer and its host slot are ours until the connections take them. Every way out
    // before that (no name, no .part, no verification, nothing to fetch) gives them back in the
    // finally below: a slot kept by mistake makes later downloads from that host wait forever.
    let held: Opened | null = { response, slot: p.slot, requestEnd: info.total };
    try {
      const finalUrl = response.finalUrl;
      let name = this.job.name;
      const named = name === null;
      if (name === null) {
        name = await this.deps.chooseName(this.job, { contentDisposition: info.contentDisposition, contentType: info.contentType, finalUrl });
      }
      this.patch({ finalUrl, name, total: info.total, etag: info.etag, lastModified: info.lastModified, acceptRanges: info.acceptRanges, error: null });
      // A new name is in the database before its .part exists: after a crash (or a full disk) the
      // next run finds its own .part by name, instead of seeing a stranger's and saving as
      // "name (1)". One small UPDATE: a whole commit per download cost small files ~8% of their time.
      // The length goes with it, for a crash right after the rename (see finish()).
      if (named) {
        this.hooks.writeThrough({ name, finalUrl, total: info.total });
        this.recordedTotal = info.total;
      }
      await ensureRoom(this.job.dir, name, info.total ?? 0);
      const expected = await checksumFromUrl(this.deps.client, this.job, name, this.stopper.signal);
      if (expected) this.patch({ options: { ...this.job.options, checksum: expected } });
      await this.openPart(true);
      this.startVerification();
      const split = info.acceptRanges && info.total !== null && !this.singleConnection;
      const connections = split ? this.job.options.connections : 1;
      const verified = Boolean(this.job.options.checksum || this.job.options.checksumUrl);
      const piece = pieceFor(info.total ?? 0, connections, s.minSplitSize, verified);
      this.table = SegmentTable.fresh(info.total, connections, s.minSplitSize, split, piece);
      this.hooks.saveSegments(this.table.records());
      const first = this.table.claimNext();
      if (!first) {
        // Nothing to fetch (an empty file): the slot is not needed for the sync and rename.
        const empty = held;
        held = null;
        await drainEmpty(empty);
        return await this.finish();
      }
      // The probe's body runs to the end of the file: a range ending there needs no cut, and the
      // connection stays alive for the next download (1,000 small files, 1,000 fewer handshakes).
      const opened = held;
      held = null;
      return await this.runConnections(first, opened);
    } finally {
      if (held) releaseOpened(held);
    }
  }

  private async resume(): Promise<'completed' | 'stopped'> {
    const done = this.records.reduce((n, r) => n + r.done, 0);
    await ensureRoom(this.job.dir, this.job.name!, (this.job.total ?? 0) - done);
    await this.openPart(false);
    this.startVerification();
    this.table = new SegmentTable(this.records);
    if (this.table.allComplete) return this.finish();
    return this.runConnections(null, undefined);
  }

  /** Runs the connections over the table until every range is on disk. */
  private async runConnections(first: LiveSegment | null, opened: Opened | undefined): Promise<'completed' | 'stopped'> {
    const attemptStop = new AbortController();
    const onStop = (): void => attemptStop.abort();
    this.stopper.signal.addEventListener('abort', onStop, { once: true });
    this.pool = new ConnectionPool(this.table!, this.segmentContext(attemptStop.signal), attemptStop, {
      split: this.job.acceptRanges === true && this.job.total !== null && !this.singleConnection,
      minPiece: this.deps.settings().minSplitSize,
      target: () => this.job.options.connections,
    });
    try {
      await this.pool.run(first, opened);
    } finally {
      this.pool = null;
      this.stopper.signal.removeEventListener('abort', onStop);
    }
    if (this.stopper.signal.aborted) return 'stopped';
    return this.finish();
  }

  private async finish(): Promise<'completed'> {
    const table = this.table!;
    const total = this.job.total ?? table.written;
    const partPath = this.partPath();
    if (table.written !== total) {
      throw new HaulError('HAUL_E_INTERNAL', `Finished with ${table.written} bytes written, expected ${total}.`);
    }
    this.hooks.received();
    const verification = this.verification;
    this.verification = null;
    this.verifying = verification;
    if (verification) this.patch({ status: 'verifying' });
    // The last datasync and the hash of what is left run side by side (the hash reads the page cache).
    const [, result] = await Promise.all([
      this.session!.complete(),
      verification?.finish(total),
    ]);
    if (verification && result) {
      // Renamed into place only once verified: a mismatch leaves the .part where it is.
      this.patch({ checksum: result });
      if (!result.ok) throw mismatchError(result, verification.expected, partPath);
    }
    const finished = { job: this.job, partPath, total, commitAll: verification !== null, recordedTotal: this.recordedTotal };
    await putInPlace(finished, { hooks: this.hooks, patch: (p) => this.patch(p), reservePath: this.deps.reservePath });
    return 'completed';
  }

  private async resetForRestart(note: JobNote): Promise<void> {
    this.verification?.cancel();
    this.verification = null;
    this.table = null;
    this.records = [];
    this.hooks.saveSegments([]);
    this.patch({ note, total: null, etag: null, lastModified: null, acceptRanges: null });
    await this.session?.reset();
  }

  private async openPart(fresh: boolean): Promise<void> {
    this.session ??= new PartSession(this.job.dir, this.partPath(), (records) => this.hooks.saveSegments(records));
    await this.session.open(fresh);
  }

  private startVerification(): void {
    const expected = this.job.options.checksum;
    this.verification = expected ? new Verification(expected, this.deps.openHash, this.partPath()) : null;
  }

  private partPath(): string {
    return join(this.job.dir, `${this.job.name!}.part`);
  }

  private baseContext(url: string) {
    return {
      client: this.deps.client,
      hosts: this.deps.hosts,
      url,
      headers: this.job.options.headers,
      signal: this.stopper.signal,
      maxTries: () => this.deps.settings().maxTries,
      retry: this.deps.retry,
      onRetry: (wait: RetryWait) => (this.retryWait = wait),
    };
  }

  private segmentContext(signal: AbortSignal): SegmentContext {
    const expected: Expected = { start: 0, total: this.job.total, etag: this.job.etag, lastModified: this.job.lastModified };
    const url = this.job.finalUrl ?? this.job.url;
    return {
      ...this.baseContext(url),
      // The ranges go to the final URL: credentials only if that is still the origin they were given for.
      headers: headersFor(this.job.url, url, this.job.options.headers),
      signal,
      table: this.table!,
      part: this.session!.file,
      buckets: [this.jobBucket, this.deps.globalBucket],
      jobMeter: this.meter,
      stats: this.stats,
      onWritten: () => {
        this.retryWait = null;
        this.verification?.progress(this.table!.segments);
        this.session!.syncWhenDirty(this.table!);
      },
      gate: () => this.verification?.gate() ?? null,
      expected,
      ifRange: ifRangeValidator(this.job.etag, this.job.lastModified),
      onThrottled: (status) => this.patch({ note: { kind: 'throttled', status } }),
    };
  }

  private patch(p: Parameters<FetcherHooks['update']>[0]): void {
    this.job = { ...this.job, ...p };
    this.hooks.update(p);
  }
}
