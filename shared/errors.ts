// Errors cross process boundaries as {code, message}; callers branch on `code`, never on text.

export const ERROR_CODES = [
  'HAUL_E_INVALID_INPUT',
  'HAUL_E_INVALID_URL',
  'HAUL_E_UNSUPPORTED_PROTOCOL',
  'HAUL_E_NOT_FOUND',
  'HAUL_E_INVALID_STATE',
  'HAUL_E_HTTP_STATUS',
  'HAUL_E_TOO_MANY_REDIRECTS',
  'HAUL_E_REDIRECT_LOOP',
  'HAUL_E_NETWORK',
  'HAUL_E_UNKNOWN_HOST',
  'HAUL_E_TLS',
  'HAUL_E_PROXY',
  /** Credentials sealed by the desktop app that this process cannot open: never sent as they are. */
  'HAUL_E_CREDENTIALS_SEALED',
  'HAUL_E_TIMEOUT',
  'HAUL_E_STALLED',
  'HAUL_E_SHORT_BODY',
  'HAUL_E_RANGE_IGNORED',
  'HAUL_E_CONTENT_CHANGED',
  'HAUL_E_RETRIES_EXHAUSTED',
  'HAUL_E_DISK_FULL',
  'HAUL_E_NOT_WRITABLE',
  /** A link (or another user's file) where Haul would write: never followed nor written through. */
  'HAUL_E_UNSAFE_PATH',
  'HAUL_E_DB_TOO_NEW',
  'HAUL_E_CANCELLED',
  'HAUL_E_CHECKSUM_MISMATCH',
  'HAUL_E_CHECKSUM_INVALID',
  'HAUL_E_ARCHIVE_UNSAFE',
  'HAUL_E_ARCHIVE_LIMIT',
  'HAUL_E_ARCHIVE_CORRUPT',
  'HAUL_E_ARCHIVE_UNSUPPORTED',
  'HAUL_E_WORKER_CRASHED',
  'HAUL_E_INTERNAL',
  /** What this client's transport cannot do (opening a file from a browser, from the CLI). */
  'HAUL_E_UNSUPPORTED',
  // A client lost its connection to the engine (web mode) before the answer came.
  'HAUL_E_DISCONNECTED',
] as const;

export type HaulErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: HaulErrorCode;
  message: string;
  /** The server's HTTP status, when an answer of the server is what failed (e.g. 403 for an expired link). */
  httpStatus?: number;
}

export class HaulError extends Error {
  override readonly name = 'HaulError';
  readonly code: HaulErrorCode;
  readonly httpStatus: number | undefined;

  constructor(code: HaulErrorCode, message: string, options?: { cause?: unknown; httpStatus?: number }) {
    super(message, options);
    this.code = code;
    this.httpStatus = options?.httpStatus;
  }

  toInfo(): ErrorInfo {
    return this.httpStatus === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, httpStatus: this.httpStatus };
  }
}

/** Normalises anything thrown into the wire form. Unknown errors become HAUL_E_INTERNAL. */
/** An error's wire form with nothing else: its code, message and (when there is one) HTTP status. */
export function errorInfo(code: HaulErrorCode, message: string, httpStatus?: number): ErrorInfo {
  return httpStatus === undefined ? { code, message } : { code, message, httpStatus };
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof HaulError) return err.toInfo();
  if (err instanceof Error) return { code: 'HAUL_E_INTERNAL', message: err.message };
  return { code: 'HAUL_E_INTERNAL', message: String(err) };
}
