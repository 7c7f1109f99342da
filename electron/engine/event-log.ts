// A plain-text log of what happened to each download (added, finished, failed, restarted and
// why), appended under the data folder so a user or a bug report can see the history. Rotated
// at a few MiB; writes are queued, never awaited by the engine.
import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { displayUrl } from '../../shared/format';
import type { JobSnapshot } from '../../shared/models/job';
import { noteText, sameNote, type JobNote } from '../../shared/models/job-note';
import type { EngineEvents } from './events';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, tighten } from './private-files';

const MAX_BYTES = 4 * 1024 * 1024;

export class EventLog {
  private readonly seen = new Map<string, { status: string; note: JobNote | null }>();
  private queue: Promise<void> = Promise.resolve();
  /** Lines waiting for the next append: one write per batch, not three syscalls per line. */
  private pending: string[] = [];
  /** Bytes in the log file; null until first looked up. */
  private size: number | null = null;

  constructor(
    private readonly file: string,
    events: EngineEvents,
    /** Past this size the log moves to `<file>.1` (replacing the previous one) and starts afresh. */
    private readonly maxBytes = MAX_BYTES,
  ) {
    // Only its owner may read what was downloaded from where; logs of older versions were 0644.
    tighten(file);
    tighten(`${file}.1`);
    events.on('jobs.updated', ({ jobs, removed }) => {
      for (const job of jobs) this.observe(job);
      for (const id of removed) {
        this.seen.delete(id);
        this.write(`removed ${id}`);
      }
    });
  }

  /** Resolves once everything logged so far is on disk. */
  flushed(): Promise<void> {
    return this.queue;
  }

  private observe(job: JobSnapshot): void {
    const before = this.seen.get(job.id);
    this.seen.set(job.id, { status: job.status, note: job.note });
    // A small download can be added and finished between two ticks: log both.
    if (!before) this.write(`seen ${job.id} ${displayUrl(job.url)} into ${job.dir}`);
    if (before?.status !== job.status && job.status !== 'queued') this.write(describe(job));
    if (job.note && !sameNote(job.note, before?.note ?? null)) this.write(`note ${job.id}: ${noteText(job.note)}`);
  }

  private write(line: string): void {
    this.pending.push(`${new Date().toISOString()} ${line}\n`);
    if (this.pending.length > 1) return; // a batch is already on its way
    this.queue = this.queue
      .then(() => {
        const text = this.pending.join('');
        this.pending = [];
        return this.append(text);
      })
      .catch(() => undefined);
  }

  private async append(text: string): Promise<void> {
    // The folder and the file's size are looked up once; after that the size is counted here.
    if (this.size === null) {
      await mkdir(dirname(this.file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
      this.size = await stat(this.file).then((s) => s.size, () => 0);
    }
    if (this.size > this.maxBytes) {
      await rename(this.file, `${this.file}.1`).catch(() => undefined);
      this.size = 0;
    }
    await appendFile(this.file, text, { mode: PRIVATE_FILE_MODE });
    this.size += Buffer.byteLength(text);
  }
}

function describe(job: JobSnapshot): string {
  switch (job.status) {
    case 'completed':
      return `completed ${job.id} ${displayUrl(job.url)} -> ${job.path} (${job.total ?? job.received} bytes)${job.checksum ? ` ${job.checksum.algo} ${job.checksum.hex}` : ''}${job.extractedTo ? ` extracted to ${job.extractedTo}` : ''}`;
    case 'failed':
      return `failed ${job.id} ${displayUrl(job.url)}: ${job.error?.code ?? ''} ${job.error?.message ?? ''}`;
    case 'paused':
      return job.error ? `paused ${job.id}: ${job.error.code} ${job.error.message}` : `paused ${job.id}`;
    default:
      return `${job.status} ${job.id}`;
  }
}
