// The HTTP side of the engine: one HTTP client, the per-host connection limits, the global speed
// limit, and the file names held by unfinished downloads; it makes each download's fetcher.
import { join, resolve } from 'node:path';
import type { Settings } from '../../shared/models/settings';
import type { FetcherFactory, StartTicket } from './fetcher';
import { HostLimiter } from './download/host-limiter';
import { HttpDownload, type HttpDownloadDeps } from './download/http-download';
import { firstRequestHost, JobHostSlots } from './download/job-host-slots';
import { TokenBucket } from './download/rate-limiter';
import type { RetryTiming } from './download/retry-policy';
import type { OpenStreamingHash } from './download/verification';
import { HttpClient, type HttpClientOptions } from './http/http-client';
import { NameReservations } from './name-reservations';
import { chooseFileName, reserveUniquePath } from './naming';
import type { JobRecord } from './store/job-store';

export interface HttpFetchersDeps {
  settings: () => Settings;
  retry: RetryTiming;
  job(id: string): JobRecord | undefined;
  recordedBytes(id: string): number;
  /** A host a queued job found without a free connection has one again. */
  hostFreed(): void;
  openHash: OpenStreamingHash | null;
}

export class HttpFetchers {
  readonly client: HttpClient;
  private readonly hosts: HostLimiter;
  private readonly globalBucket: TokenBucket;
  private readonly reserved = new NameReservations();
  /** Hosts a queued job found without a free connection: when one frees up, the queue is walked again. */
  private readonly wantedHosts = new Set<string>();

  constructor(private readonly deps: HttpFetchersDeps) {
    const s = deps.settings();
    this.client = newClient(s);
    this.hosts = new HostLimiter(s.maxPerHost);
    this.hosts.onFreed((host) => {
      if (this.wantedHosts.delete(host)) deps.hostFreed();
    });
    this.globalBucket = new TokenBucket(s.globalSpeedLimit);
  }

  /** Refuses unusable certificates or a proxy address that cannot be used (nothing changed then). */
  configureClient(next: Settings): void {
    this.client.configure(clientOptions(next));
  }

  setLimits(next: Settings): void {
    this.hosts.setMax(next.maxPerHost);
    this.globalBucket.setRate(next.globalSpeedLimit);
  }

  /** Lets downloads that gave their slot back while waiting for their host take free slots first. */
  wakeParked(): void {
    this.hosts.wake();
  }

  /** Holds the path of an unfinished download found at start-up. */
  holdName(job: JobRecord): void {
    if (job.name !== null && job.status !== 'completed') this.reserved.reserve(join(job.dir, job.name), job.id);
  }

  /** The job no longer needs its name held (finished or removed). */
  releaseName(jobId: string): void {
    this.reserved.release(jobId);
  }

  factory(): FetcherFactory {
    return {
      handles: (url) => url.protocol === 'http:' || url.protocol === 'https:',
      claim: (claimed, slot) => {
        const host = firstRequestHost(claimed, this.deps.recordedBytes(claimed.id));
        const hosts = JobHostSlots.claim(this.hosts, host, slot);
        if (!hosts) {
          this.wantedHosts.add(host);
          return null;
        }
        return { create: (job, segments, hooks) => this.download(hosts, job, segments, hooks), release: () => hosts.close() };
      },
    };
  }

  /**
   * A name free on disk and among other jobs, held for `jobId` (a path it held before is let go);
   * the check-and-claim is synchronous, so two jobs never get the same one.
   */
  async reserveName(jobId: string, dir: string, name: string): Promise<string> {
    // A path is taken by another job that has not finished yet (a finished file is on disk anyway).
    const takenByOther = (p: string): boolean => {
      const owner = this.reserved.owner(p);
      if (owner === undefined || owner === jobId) return false;
      const job = this.deps.job(owner);
      return job !== undefined && job.status !== 'completed';
    };
    for (;;) {
      const path = await reserveUniquePath(dir, name, takenByOther);
      if (takenByOther(path)) continue;
      this.reserved.reserve(path, jobId);
      return path.slice(resolve(dir).length).replace(/^[\\/]+/, '');
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private download(hosts: JobHostSlots, ...[job, segments, hooks]: Parameters<StartTicket['create']>): HttpDownload {
    const deps: HttpDownloadDeps = {
      client: this.client,
      hosts,
      globalBucket: this.globalBucket,
      settings: this.deps.settings,
      retry: this.deps.retry,
      chooseName: async (j, hints) => {
        const name = chooseFileName({ requested: j.requestedName, ...hints });
        return this.reserveName(j.id, j.dir, name);
      },
      reservePath: async (dir, name) => join(dir, await this.reserveName(job.id, dir, name)),
      openHash: this.deps.openHash,
    };
    return new HttpDownload(deps, job, segments, hooks);
  }
}

function clientOptions(s: Settings): HttpClientOptions {
  return {
    userAgent: s.userAgent,
    connectTimeoutMs: s.connectTimeoutMs,
    stallTimeoutMs: s.stallTimeoutMs,
    tls: { extraCa: s.tlsExtraCaCertificates, verify: s.tlsVerifyCertificates, system: s.tlsUseSystemCertificates },
    proxy: { url: s.proxyUrl, bypass: s.proxyBypass },
  };
}

/**
 * Saved certificates that no longer parse must not keep the app from starting: it trusts less
 * instead. (A proxy that cannot be used is not dropped: downloads must not quietly go direct.)
 */
function newClient(s: Settings): HttpClient {
  try {
    return new HttpClient(clientOptions(s));
  } catch {
    return new HttpClient({ ...clientOptions(s), tls: { extraCa: '', verify: s.tlsVerifyCertificates, system: s.tlsUseSystemCertificates } });
  }
}
