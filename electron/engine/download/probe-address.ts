// Asks a server about an address without downloading it: the add dialog's preview of name, size
// and whether it resumes. HEAD first; when a server refuses HEAD (405, 403 for URLs signed for
// GET…) or leaves the size or ranges unsaid, one GET for the first byte, dropped after its headers.
// No job is created and nothing is written.
import { HaulError } from '../../../shared/errors';
import type { ProbeResult } from '../../../shared/models/job-row';
import { redactUrl } from '../../../shared/redact';
import { validateDownloadUrl } from '../../../shared/url-list';
import type { HttpClient, OpenedResponse } from '../http/http-client';
import { discardBody, header } from '../http/http-client';
import { describeResponse, parseUnsatisfiedTotal, type ResourceInfo } from '../http/response-checks';
import { chooseFileName } from '../naming';
import { urlErrorCode } from '../new-jobs';
import { httpStatusError } from './segment-runner';

export const PROBE_TIMEOUT_MS = 15_000;
/** Probes in flight at once, engine-wide; more wait their turn (a dialog may ask about many lines). */
export const PROBES_AT_ONCE = 4;
/** Waiting probes beyond this are refused rather than queued without bound. */
const MAX_WAITING = 256;

/** Errors after which a GET would fare no better than the HEAD did. */
const FINAL_ERRORS = new Set(['HAUL_E_UNKNOWN_HOST', 'HAUL_E_TIMEOUT', 'HAUL_E_TLS', 'HAUL_E_PROXY', 'HAUL_E_REDIRECT_LOOP', 'HAUL_E_TOO_MANY_REDIRECTS', 'HAUL_E_CANCELLED', 'HAUL_E_UNSUPPORTED_PROTOCOL', 'HAUL_E_INVALID_URL']);

export class AddressProber {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly client: HttpClient,
    private readonly timeoutMs = PROBE_TIMEOUT_MS,
  ) {}

  async probe(url: string, headers: Record<string, string> = {}): Promise<ProbeResult> {
    const checked = validateDownloadUrl(url);
    if (!checked.ok) throw new HaulError(urlErrorCode(checked.error), `${redactUrl(url.slice(0, 200))}: ${checked.error}.`);
    await this.turn();
    try {
      return await probeOnce(this.client, checked.url, headers, this.timeoutMs);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async turn(): Promise<void> {
    if (this.running < PROBES_AT_ONCE) {
      this.running++;
      return;
    }
    if (this.waiting.length >= MAX_WAITING) throw new HaulError('HAUL_E_INVALID_STATE', 'Too many addresses are being checked at once; try again in a moment.');
    // The finishing probe hands its place over, so `running` never dips and lets a newcomer jump the line.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
}

async function probeOnce(client: HttpClient, url: string, headers: Record<string, string>, timeoutMs: number): Promise<ProbeResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  const ask = async (method: 'GET' | 'HEAD'): Promise<OpenedResponse> => {
    try {
      // A one-byte range: its answer says whether ranges work and (in Content-Range) the size.
      return await client.open({ url, headers, method, signal, range: method === 'GET' ? { start: 0, end: 1 } : undefined });
    } catch (err) {
      if (signal.aborted) throw new HaulError('HAUL_E_TIMEOUT', `${new URL(url).host} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      throw err;
    }
  };

  let head: OpenedResponse | null = null;
  try {
    head = await ask('HEAD');
    discardBody(head.body);
  } catch (err) {
    if (!(err instanceof HaulError) || FINAL_ERRORS.has(err.code)) throw err;
  }
  if (head && head.status >= 200 && head.status < 300) {
    const info = describeResponse(head);
    // A HEAD that names the size and takes ranges is enough; one that leaves either unsaid may be lying.
    if (info.total !== null && info.acceptRanges) return resultOf(head, info);
  }

  const res = await ask('GET');
  discardBody(res.body);
  if (res.status === 416) {
    // Only an empty file cannot give its first byte ("bytes */0").
    if (parseUnsatisfiedTotal(header(res.headers, 'content-range')) === 0) return resultOf(res, { ...describeResponse(res), total: 0, acceptRanges: false });
  }
  if (res.status < 200 || res.status >= 300) throw httpStatusError(res, url);
  const info = describeResponse(res);
  // 200 to a range request: the server sends whole files only, whatever Accept-Ranges says.
  return resultOf(res, res.status === 206 ? info : { ...info, acceptRanges: false });
}

function resultOf(res: OpenedResponse, info: ResourceInfo): ProbeResult {
  return {
    finalUrl: redactUrl(res.finalUrl),
    name: chooseFileName({ contentDisposition: info.contentDisposition, contentType: info.contentType, finalUrl: res.finalUrl }),
    size: info.total,
    resumable: info.acceptRanges,
    contentType: info.contentType,
  };
}
