// An error in plain words, for every place that shows one: the list's status, the details panel,
// the announcements, the desktop's notifications. The words are in error-strings.ts.
import type { ErrorInfo } from '../errors';
import type { Words } from './words';

/** HTTP statuses with a phrase of their own; others read `HTTP 418`. */
const NAMED_HTTP = new Set([400, 401, 403, 404, 410, 416, 429, 500, 502, 503, 504]);

/** An error in plain words. */
export function errorWords(error: ErrorInfo): Words {
  if (error.httpStatus !== undefined) {
    return NAMED_HTTP.has(error.httpStatus) ? { key: `error.http${error.httpStatus}` } : { key: 'error.http', values: { status: error.httpStatus } };
  }
  switch (error.code) {
    case 'HAUL_E_HTTP_STATUS':
      return { key: 'error.refused' };
    case 'HAUL_E_NETWORK':
    case 'HAUL_E_DISCONNECTED':
      return { key: 'error.network' };
    case 'HAUL_E_UNKNOWN_HOST':
      return { key: 'error.unknownHost' };
    case 'HAUL_E_TLS':
      return { key: 'error.tls' };
    case 'HAUL_E_PROXY':
      return { key: 'error.proxy' };
    case 'HAUL_E_TIMEOUT':
      return { key: 'error.timeout' };
    case 'HAUL_E_STALLED':
      return { key: 'error.stalled' };
    case 'HAUL_E_SHORT_BODY':
      return { key: 'error.shortBody' };
    case 'HAUL_E_RANGE_IGNORED':
    case 'HAUL_E_CONTENT_CHANGED':
      return { key: 'error.contentChanged' };
    case 'HAUL_E_RETRIES_EXHAUSTED':
      return { key: 'error.retriesExhausted' };
    case 'HAUL_E_TOO_MANY_REDIRECTS':
      return { key: 'error.tooManyRedirects' };
    case 'HAUL_E_REDIRECT_LOOP':
      return { key: 'error.redirectLoop' };
    case 'HAUL_E_INVALID_URL':
      return { key: 'error.invalidUrl' };
    case 'HAUL_E_UNSUPPORTED_PROTOCOL':
      return { key: 'error.unsupportedProtocol' };
    case 'HAUL_E_DISK_FULL':
      return { key: 'error.diskFull' };
    case 'HAUL_E_NOT_WRITABLE':
      return { key: 'error.notWritable' };
    case 'HAUL_E_UNSAFE_PATH':
      return { key: 'error.unsafePath' };
    case 'HAUL_E_CHECKSUM_MISMATCH':
      return { key: 'error.checksumMismatch' };
    case 'HAUL_E_CHECKSUM_INVALID':
      return { key: 'error.checksumInvalid' };
    case 'HAUL_E_ARCHIVE_UNSAFE':
      return { key: 'error.archiveUnsafe' };
    case 'HAUL_E_ARCHIVE_LIMIT':
      return { key: 'error.archiveLimit' };
    case 'HAUL_E_ARCHIVE_CORRUPT':
      return { key: 'error.archiveCorrupt' };
    case 'HAUL_E_ARCHIVE_UNSUPPORTED':
      return { key: 'error.archiveUnsupported' };
    case 'HAUL_E_WORKER_CRASHED':
      return { key: 'error.workerCrashed' };
    case 'HAUL_E_CREDENTIALS_SEALED':
      return { key: 'error.credentialsSealed' };
    default:
      return { key: 'error.other' };
  }
}
