import type { ErrorInfo } from '../errors';
import { toErrorInfo } from '../errors';

/** Every API result has this shape, whatever transport carried it. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (err: unknown): Result<never> => ({ ok: false, error: toErrorInfo(err) });
