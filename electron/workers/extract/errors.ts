// Turns whatever a decoder, parser or the file system threw into a HaulError with a stable code,
// so the pool can send {code, message} across the process boundary.

import { HaulError } from '../../../shared/errors';

export function unsafe(entry: string, why: string): HaulError {
  return new HaulError('HAUL_E_ARCHIVE_UNSAFE', `Refused unsafe archive entry "${printable(entry)}": ${why}`);
}

export function limit(message: string): HaulError {
  return new HaulError('HAUL_E_ARCHIVE_LIMIT', message);
}

export function corrupt(message: string, cause?: unknown): HaulError {
  const detail = cause instanceof Error && cause.message ? `: ${cause.message}` : '';
  return new HaulError('HAUL_E_ARCHIVE_CORRUPT', `${message}${detail}`, { cause });
}

export function unsupported(message: string): HaulError {
  return new HaulError('HAUL_E_ARCHIVE_UNSUPPORTED', message);
}

export function cancelled(): HaulError {
  return new HaulError('HAUL_E_CANCELLED', 'Extraction cancelled');
}

/** Maps file-system and stream errors; decoder errors are wrapped as corrupt where they happen. */
export function toHaulError(err: unknown, archiveName: string): HaulError {
  if (err instanceof HaulError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new HaulError('HAUL_E_DISK_FULL', `Disk full while extracting ${archiveName}`, { cause: err });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new HaulError('HAUL_E_NOT_WRITABLE', `Cannot write the extracted files: ${message}`, { cause: err });
    case 'ABORT_ERR':
      return cancelled();
    case 'ENAMETOOLONG':
      return unsupported(`An entry name in ${archiveName} is too long for this file system`);
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return corrupt(`${archiveName} ended unexpectedly`, err);
  }
  if (typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('TAR_'))) {
    return corrupt(`${archiveName} is damaged`, err);
  }
  return new HaulError('HAUL_E_INTERNAL', `Extraction of ${archiveName} failed: ${message}`, { cause: err });
}

/** Entry names come from the archive: keep messages on one line and free of control characters. */
export function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  const s = name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
