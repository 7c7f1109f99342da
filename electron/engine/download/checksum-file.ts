// The expected checksum from a `.sha256`-style file next to the download (SHA256SUMS, x.iso.md5…).
import { HaulError } from '../../../shared/errors';
import { algoForHexLength, normalizeAlgo, parseChecksumFile } from '../../../shared/checksum';
import type { ExpectedChecksum } from '../../../shared/models/job';
import { discardBody, type HttpClient } from '../http/http-client';
import { headersFor } from '../http/credentials';
import type { JobRecord } from '../store/job-store';
import { displayUrl } from '../../../shared/format';

const MAX_BYTES = 1024 * 1024;

/** The checksum a job names by URL, fetched once the file's name is known; null when there is none to fetch. */
export async function checksumFromUrl(client: HttpClient, job: JobRecord, fileName: string, signal: AbortSignal): Promise<ExpectedChecksum | null> {
  const { checksumUrl, checksum, headers } = job.options;
  if (!checksumUrl || checksum) return null;
  // Credentials only if the checksum file is on the origin they were given for.
  return fetchChecksumFile(client, checksumUrl, fileName, headersFor(job.url, checksumUrl, headers), signal);
}

/** The algorithm a checksum file's name implies (`.sha256`, `SHA512SUMS`…), if any. */
export function algoFromUrl(url: string): ExpectedChecksum['algo'] | null {
  const name = new URL(url).pathname.split('/').pop() ?? '';
  const m = /(md5|sha-?1|sha-?256|sha-?512)(sums?)?$/i.exec(name.replace(/\.(txt|asc)$/i, ''));
  return m ? (normalizeAlgo(m[1]!) ?? null) : null;
}

export async function fetchChecksumFile(
  client: HttpClient,
  url: string,
  fileName: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<ExpectedChecksum> {
  const fail = (why: string): HaulError => new HaulError('HAUL_E_CHECKSUM_INVALID', `Could not get a checksum for ${fileName} from ${displayUrl(url)}: ${why}.`);
  const res = await client.open({ url, headers, signal });
  if (res.status !== 200) {
    discardBody(res.body);
    throw fail(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  await res.body.consume((chunk) => {
    size += chunk.length;
    if (size > MAX_BYTES) res.body.cancel();
    else chunks.push(Buffer.from(chunk));
  });
  if (size > MAX_BYTES) throw fail('the checksum file is larger than 1 MiB');
  const hex = parseChecksumFile(Buffer.concat(chunks).toString('utf8'), fileName);
  if (!hex) throw fail('no line in it names this file');
  const algo = algoFromUrl(url) ?? algoForHexLength(hex.length);
  if (!algo) throw fail(`a ${hex.length}-digit checksum matches no supported algorithm`);
  return { algo, hex: hex.toLowerCase() };
}
