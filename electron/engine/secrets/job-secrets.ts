// Which parts of a download are secrets: the password in its URL (and in its final URL, mirrors
// and checksum URL), and its Authorization, Proxy-Authorization and Cookie header values. The user
// name, the host and the rest stay readable: they are needed to find and show the download.
import { HaulError } from '../../../shared/errors';
import type { JobOptions } from '../../../shared/models/job';
import type { JobRecord } from '../store/job-store';
import { isSealed, type SecretMap } from './secret-box';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** `scheme://user:PASSWORD@` at the start of a URL (WHATWG URLs write an @ in the password as %40). */
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/[^/@?#:]*):([^/@?#]*)@/i;

/** The URL with its password passed through `map`, every other character as it was. */
export function mapUrlPassword(url: string, map: SecretMap): string {
  const m = USER_INFO.exec(url);
  if (!m || m[2] === '') return url;
  const password = map(m[2]!);
  return password === m[2] ? url : `${m[1]}:${password}@${url.slice(m[0].length)}`;
}

/** The headers with the credential values passed through `map`; the same object when nothing changed. */
export function mapHeaderSecrets(headers: Record<string, string>, map: SecretMap): Record<string, string> {
  let out: Record<string, string> | null = null;
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name.toLowerCase())) continue;
    const mapped = map(value);
    if (mapped !== value) (out ??= { ...headers })[name] = mapped;
  }
  return out ?? headers;
}

function mapOptionSecrets(options: JobOptions, map: SecretMap): JobOptions {
  const headers = mapHeaderSecrets(options.headers, map);
  const checksumUrl = options.checksumUrl ? mapUrlPassword(options.checksumUrl, map) : options.checksumUrl;
  const mirrors = options.mirrors?.map((m) => mapUrlPassword(m, map));
  const mirrorsChanged = mirrors !== undefined && mirrors.some((m, i) => m !== options.mirrors![i]);
  if (headers === options.headers && checksumUrl === options.checksumUrl && !mirrorsChanged) return options;
  return { ...options, headers, checksumUrl, ...(mirrors !== undefined && { mirrors }) };
}

type SecretFields = Partial<Pick<JobRecord, 'url' | 'finalUrl' | 'options'>>;

/** A record or patch with every secret in it passed through `map`; the same object when none changed. */
export function mapJobSecrets<T extends SecretFields>(fields: T, map: SecretMap): T {
  const url = fields.url === undefined ? undefined : mapUrlPassword(fields.url, map);
  const finalUrl = fields.finalUrl == null ? fields.finalUrl : mapUrlPassword(fields.finalUrl, map);
  const options = fields.options === undefined ? undefined : mapOptionSecrets(fields.options, map);
  if (url === fields.url && finalUrl === fields.finalUrl && options === fields.options) return fields;
  return { ...fields, ...(url !== undefined && { url }), ...(finalUrl !== undefined && { finalUrl }), ...(options !== undefined && { options }) };
}

/** Whether what the download sends (its URLs' password, its credential headers) is still sealed. */
export function hasSealedCredentials(job: Pick<JobRecord, 'url' | 'finalUrl' | 'options'>): boolean {
  let sealed = false;
  const look: SecretMap = (value) => ((sealed ||= isSealed(value)), value);
  for (const url of [job.url, job.finalUrl, job.options.checksumUrl]) if (url) mapUrlPassword(url, look);
  mapHeaderSecrets(job.options.headers, look);
  return sealed;
}

/**
 * Refuses a download whose credentials this process cannot open (the CLI, or an app whose keyring
 * was reset): a sealed value must never reach a server, and without them the server would only refuse.
 */
export function assertCredentialsOpen(job: Pick<JobRecord, 'url' | 'finalUrl' | 'options'>): void {
  if (!hasSealedCredentials(job)) return;
  throw new HaulError(
    'HAUL_E_CREDENTIALS_SEALED',
    "Its credentials (the password in its address, its Cookie or Authorization header) are sealed by Haul's desktop app and cannot be opened here: resume it in the desktop app, or give them again.",
  );
}
