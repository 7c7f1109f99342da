// One download's view of the shared host limiter. The connection the scheduler took when it
// started the job is handed out first (a resumed download asks for it only after opening its
// file; meanwhile nobody else can take it). While every connection the download wants waits for
// its host, the download gives its download slot back, so maxJobs is not spent on waiting, and
// takes one again before its next connection opens; waiting counts no try against it.
import type { JobRecord } from '../store/job-store';
import type { DownloadSlot } from '../fetcher';
import type { HostLimiter, HostSlot, HostSlots } from './host-limiter';

export class JobHostSlots implements HostSlots {
  /** Open connections (held slots) of this download. */
  private held = 0;
  /** The download slot was given back while waiting. */
  private parked = false;

  private constructor(
    private readonly limiter: HostLimiter,
    private readonly slot: DownloadSlot,
    private first: { host: string; slot: HostSlot } | null,
  ) {}

  /** A view holding a connection to `host` for the first request, or null when none is free. */
  static claim(limiter: HostLimiter, host: string, slot: DownloadSlot): JobHostSlots | null {
    const first = limiter.tryAcquire(host);
    return first ? new JobHostSlots(limiter, slot, { host, slot: first }) : null;
  }

  hasFree(host: string): boolean {
    return this.first?.host === host || this.limiter.hasFree(host);
  }

  async acquire(host: string, signal?: AbortSignal): Promise<HostSlot> {
    const first = this.takeFirst(host);
    if (first) return this.track(first);
    const now = this.limiter.tryAcquire(host);
    if (now) return this.track(now);
    if (this.held === 0 && !this.parked) {
      this.parked = true;
      this.slot.release();
    }
    return this.track(await this.limiter.acquire(host, signal, this.admit));
  }

  throttled(host: string): void {
    this.limiter.throttled(host);
  }

  /** The run has ended: a first connection it never used goes back. */
  close(): void {
    this.first?.slot.release();
    this.first = null;
  }

  /** A parked download takes a connection only with a download slot to use it in. */
  private readonly admit = (): boolean => {
    if (this.parked && !this.slot.reclaim()) return false;
    this.parked = false;
    return true;
  };

  /** The claimed connection, if it is to this host; one to another host (a redirect, a restart) goes back. */
  private takeFirst(host: string): HostSlot | null {
    const first = this.first;
    this.first = null;
    if (first && first.host !== host) first.slot.release();
    return first?.host === host ? first.slot : null;
  }

  private track(slot: HostSlot): HostSlot {
    this.held++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.held--;
        slot.release();
      },
    };
  }
}

/**
 * The host of a download's first request: a resumed one continues at the address it was
 * redirected to (its ranges go there), a fresh one asks its own URL first (HttpDownload does the same).
 */
export function firstRequestHost(job: JobRecord, recordedBytes: number): string {
  return new URL(recordedBytes > 0 ? (job.finalUrl ?? job.url) : job.url).host;
}
