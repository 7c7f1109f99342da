// Turns add requests into job records: each input is checked (URL, checksum, checksum URL, file
// name) and either becomes a queued record or a rejection that says why, by its index.
import { randomUUID } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import type { AddJobInput, AddJobsOutput } from '../../shared/api/contract';
import { parseChecksum } from '../../shared/checksum';
import type { Settings } from '../../shared/models/settings';
import { validateDownloadUrl } from '../../shared/url-list';
import { sanitizeFileName } from './naming';
import type { JobRecord } from './store/job-store';

export interface NewJobs {
  records: JobRecord[];
  rejected: AddJobsOutput['rejected'];
}

/** Mirrors are checked like the URL: one unusable mirror rejects the download, saying which. */
function checkMirrors(raw: string[], url: string): { urls: string[] } | { input: string; code: string; error: string } {
  const urls: string[] = [];
  for (const [i, m] of raw.entries()) {
    const c = validateDownloadUrl(m);
    if (!c.ok) return { input: m, code: urlErrorCode(c.error), error: `mirror ${i + 1}: ${c.error}` };
    if (c.url !== url && !urls.includes(c.url)) urls.push(c.url);
  }
  return { urls };
}

/** The error code for what validateDownloadUrl said of an unusable URL. */
export function urlErrorCode(problem: string): 'HAUL_E_UNSUPPORTED_PROTOCOL' | 'HAUL_E_INVALID_URL' {
  return /protocol/i.test(problem) ? 'HAUL_E_UNSUPPORTED_PROTOCOL' : 'HAUL_E_INVALID_URL';
}

/**
 * `absoluteDirs`: a folder must be a full path (a browser on `haul serve` has no current folder,
 * and the server's own is no place it meant).
 */
export function newJobs(items: AddJobInput[], s: Settings, downloadDir: string, firstPosition: number, absoluteDirs = false): NewJobs {
  const now = Date.now();
  let position = firstPosition;
  const out: NewJobs = { records: [], rejected: [] };
  const reject = (index: number, input: string, code: string, message: string): void => {
    out.rejected.push({ index, input: input.slice(0, 200), error: { code, message } });
  };
  items.forEach((item, index) => {
    const checked = validateDownloadUrl(item.url);
    if (!checked.ok) return reject(index, item.url, urlErrorCode(checked.error), checked.error);
    if (absoluteDirs && item.dir !== undefined && !isAbsolute(item.dir)) {
      return reject(index, item.dir, 'HAUL_E_INVALID_INPUT', `the folder "${item.dir}" must be a full path, such as /home/me/Downloads`);
    }
    const checksum = item.checksum === undefined ? null : parseChecksum(item.checksum);
    if (checksum && 'error' in checksum) return reject(index, item.checksum!, 'HAUL_E_CHECKSUM_INVALID', checksum.error);
    const checksumUrl = item.checksumUrl === undefined ? null : validateDownloadUrl(item.checksumUrl);
    if (checksumUrl && !checksumUrl.ok) return reject(index, item.checksumUrl!, 'HAUL_E_INVALID_URL', `checksum URL: ${checksumUrl.error}`);
    const mirrors = checkMirrors(item.mirrors ?? [], checked.url);
    if ('error' in mirrors) return reject(index, mirrors.input, mirrors.code, mirrors.error);
    if (item.name !== undefined && sanitizeFileName(item.name) === '') {
      return reject(index, item.name, 'HAUL_E_INVALID_INPUT', `"${item.name}" is not a usable file name`);
    }
    out.records.push({
      id: randomUUID(),
      url: checked.url,
      finalUrl: null,
      dir: resolve(item.dir ?? downloadDir),
      requestedName: item.name ?? null,
      name: null,
      status: item.paused ? 'paused' : 'queued',
      position: position++,
      total: null,
      etag: null,
      lastModified: null,
      acceptRanges: null,
      options: {
        connections: item.connections ?? s.connectionsPerJob,
        // Left out: the default; an explicit null: no limit for this one.
        speedLimit: item.speedLimit === undefined ? s.defaultSpeedLimit : item.speedLimit,
        headers: item.headers ?? {},
        checksum,
        checksumUrl: checksumUrl?.ok ? checksumUrl.url : null,
        extract: item.extract ?? s.extractArchives,
        deleteArchive: item.deleteArchive ?? s.deleteArchiveAfterExtract,
        ...(mirrors.urls.length > 0 && { mirrors: mirrors.urls }),
      },
      error: null,
      note: null,
      checksum: null,
      extractedTo: null,
      placedFile: null,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    });
  });
  return out;
}
