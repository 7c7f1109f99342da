// The consumer end of the pipeline: downloads that finished and asked for extraction are
// extracted in the process pool, outside the download slots, with progress on the job; a
// finished file is extracted or verified again there when the user asks.
import { HaulError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import type { ExpectedChecksum, StageProgress } from '../../../shared/models/job';
import type { BytesProgress, ExtractTaskPayload, ExtractTaskProgress, ExtractTaskResult, HashFilePayload, HashFileResult } from '../../../shared/pool-protocol';
import type { JobNote } from '../../../shared/models/job-note';
import type { JobPatch, JobRecord } from '../store/job-store';
import { extractWorkDir } from './job-files';

/** Settles only once the worker has stopped, also when aborted: it writes beside the archive. */
export type ExtractRunner = (
  payload: ExtractTaskPayload,
  opts: { signal: AbortSignal; onProgress: (p: ExtractTaskProgress) => void },
) => Promise<ExtractTaskResult>;

/** Hashes a whole file in the process pool. */
export type HashRunner = (payload: HashFilePayload, opts: { signal: AbortSignal; onProgress: (p: BytesProgress) => void }) => Promise<HashFileResult>;

/**
 * What to do with the finished file. An extraction asked for after the download (`onDemand`)
 * that is cancelled, or finds no archive it can extract, leaves the job completed as it was.
 */
export type PostTask = { kind: 'extract'; onDemand?: { extractBefore: boolean } } | { kind: 'verify'; expected: ExpectedChecksum };

/**
 * 'cancel': an extraction after the download fails saying so, keeping the archive; one asked for
 * later and a verification leave the job completed. 'remove': the job is being forgotten.
 */
export type ExtractStop = 'cancel' | 'remove';

interface Active {
  abort: AbortController;
  progress: StageProgress | null;
  done: Promise<void>;
  stopping: ExtractStop | null;
}

export class PostProcessor {
  private readonly active = new Map<string, Active>();
  private shuttingDown = false;

  constructor(
    private readonly deps: {
      extract: ExtractRunner | null;
      hash: HashRunner | null;
      update(id: string, patch: JobPatch): void;
      /** update(), and written to the database at once (what a crash must find). */
      record(id: string, patch: JobPatch): void;
      /** The job's stage progress moved (the progress tick sends it, throttled). */
      progressed(id: string): void;
      /** A job left the post-processing stage (the queue may move on). */
      finished(id: string): void;
    },
  ) {}

  isActive(id: string): boolean {
    return this.active.has(id);
  }

  progress(id: string): StageProgress | null {
    return this.active.get(id)?.progress ?? null;
  }

  /** Extracts (or verifies) the job's finished file; the job is 'extracting' ('verifying') until it ends. */
  start(job: JobRecord, path: string, task: PostTask = { kind: 'extract' }): void {
    if (this.active.has(job.id)) return;
    const abort = new AbortController();
    const entry: Active = { abort, progress: null, done: Promise.resolve(), stopping: null };
    this.active.set(job.id, entry);
    this.deps.update(job.id, { status: task.kind === 'verify' ? 'verifying' : 'extracting', error: null });
    const work = task.kind === 'verify' ? this.verify(job, path, task.expected, entry) : this.run(job, path, entry, task.onDemand);
    entry.done = work.finally(() => {
      this.active.delete(job.id);
      this.deps.finished(job.id);
    });
  }

  /** Stops an extraction (a remove overrides a cancel, never the reverse); false when that changed nothing. */
  stop(id: string, why: ExtractStop): boolean {
    const entry = this.active.get(id);
    if (!entry || entry.stopping === 'remove' || entry.stopping === why) return false;
    entry.stopping = why;
    entry.abort.abort();
    return true;
  }

  stopping(id: string): ExtractStop | null {
    return this.active.get(id)?.stopping ?? null;
  }

  /** Resolves once the job's extraction, if any, has ended and its worker has stopped writing. */
  async idle(id: string): Promise<void> {
    await this.active.get(id)?.done;
  }

  /** Stops every extraction without changing the jobs: they run again at the next start. */
  async shutdown(): Promise<void> {
    const all = [...this.active.values()];
    this.shuttingDown = true;
    for (const e of all) e.abort.abort();
    await Promise.all(all.map((e) => e.done));
  }

  private async run(job: JobRecord, path: string, entry: Active, onDemand?: { extractBefore: boolean }): Promise<void> {
    try {
      if (!this.deps.extract) throw new HaulError('HAUL_E_ARCHIVE_UNSUPPORTED', 'Extraction needs the process pool, which this engine was started without.');
      const result = await this.deps.extract(
        { archive: path, deleteArchiveAfter: job.options.deleteArchive === true, workDir: extractWorkDir(path) },
        {
          signal: entry.abort.signal,
          onProgress: (p) => {
            entry.progress = { done: p.archiveRead, total: p.archiveSize, entries: p.entries, ...(p.totalEntries !== null && { entriesTotal: p.totalEntries }) };
            this.deps.progressed(job.id);
          },
        },
      );
      if (entry.stopping === 'remove') return;
      const note: JobNote | null = result.skipped > 0 ? { kind: 'extractSkipped', entries: result.entries, skipped: result.skipped } : job.note;
      // At once: the folder is in place, and a crash must not extract it again into "name (1)".
      this.deps.record(job.id, { status: 'completed', extractedTo: result.outputDir, note, error: null });
    } catch (err) {
      // Quitting leaves it 'extracting' (it runs again at the next start), unless the user stopped it first.
      if (entry.stopping === 'remove' || (entry.stopping === null && this.shuttingDown)) return;
      const info = entry.abort.signal.aborted
        ? { code: 'HAUL_E_CANCELLED' as const, message: 'Extraction was cancelled; the downloaded archive is kept.' }
        : toErrorInfo(err);
      if (onDemand && (info.code === 'HAUL_E_CANCELLED' || info.code === 'HAUL_E_ARCHIVE_UNSUPPORTED')) {
        // The download itself is fine: it stays completed, and says why nothing was extracted.
        this.deps.update(job.id, { status: 'completed', note: { kind: 'notExtracted', error: info }, options: { ...job.options, extract: onDemand.extractBefore } });
        return;
      }
      this.deps.update(job.id, { status: 'failed', error: info });
    }
  }

  /** Hashes the finished file again: completed with the new result, or failed saying what differs. */
  private async verify(job: JobRecord, path: string, expected: ExpectedChecksum, entry: Active): Promise<void> {
    try {
      if (!this.deps.hash) throw new HaulError('HAUL_E_INTERNAL', 'Checksum verification needs the process pool, which this engine was started without.');
      const size = job.total;
      const { hex } = await this.deps.hash(
        { path, algo: expected.algo },
        {
          signal: entry.abort.signal,
          onProgress: (p) => {
            entry.progress = { done: p.bytes, total: size };
            this.deps.progressed(job.id);
          },
        },
      );
      if (entry.stopping === 'remove') return;
      const got = hex.toLowerCase();
      const want = expected.hex.toLowerCase();
      const checksum = { algo: expected.algo, hex: got, ok: got === want };
      const error: ErrorInfo | null = checksum.ok
        ? null
        : { code: 'HAUL_E_CHECKSUM_MISMATCH', message: `Checksum mismatch (${expected.algo}): expected ${want}, got ${got}. The file was kept as it is: ${path}.` };
      this.deps.record(job.id, { status: checksum.ok ? 'completed' : 'failed', checksum, error });
    } catch (err) {
      if (entry.stopping === 'remove') return;
      // Cancelled, or quitting: the file was only read, so the job is as it was.
      if (entry.abort.signal.aborted) return this.deps.update(job.id, { status: 'completed' });
      this.deps.update(job.id, { status: 'failed', error: toErrorInfo(err) });
    }
  }
}
