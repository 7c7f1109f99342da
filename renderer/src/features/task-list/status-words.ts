// What a row's status cell says: one key of this feature's words with its values, one icon and
// one colour (tone) per state, and a hint where the user can do something about an error. Pure:
// the cell translates it, the tests check every case in both languages.
import { errorInfo, type ErrorInfo } from '../../../../shared/errors';
import type { JobRow } from '../../../../shared/models/job-row';
import { errorWords } from '../../../../shared/words/error-words';
import { noteWords } from '../../job-words/note-words';
import type { Words } from '../../job-words/words';

export type Tone = 'active' | 'queued' | 'paused' | 'verify' | 'done' | 'failed';
export type StatusIcon = 'downloading' | 'connecting' | 'queued' | 'paused' | 'stopping' | 'retrying' | 'verifying' | 'extracting' | 'completed' | 'failed' | 'cancelled';
/** What a hint offers: a new address (an expired link) or simply trying again. */
export type HintAction = 'changeAddress' | 'retry';

export interface StatusWords extends Words {
  tone: Tone;
  icon: StatusIcon;
  hint?: Words & { action: HintAction | null };
  /** For the tooltip: what the engine decided about the download (a restart, fewer connections), or why it is trying again. */
  note?: Words;
  /** The engine's own words (English), for the tooltip's technical line: an error's message, a retry's reason. */
  detail: string | null;
  /** Fewer words for the cell when the whole sentence rarely fits it (the sentence stays the row's name and tooltip). */
  short?: Words;
}

/** What the user can do about an error, when there is something. */
export function errorHint(error: ErrorInfo): (Words & { action: HintAction | null }) | undefined {
  const http = error.httpStatus;
  if (http === 401 || http === 403 || http === 404 || http === 410) return { key: 'hint.linkExpired', action: 'changeAddress' };
  if (http === 429 || http === 503 || (http !== undefined && http >= 500)) return { key: 'hint.serverBusy', action: 'retry' };
  switch (error.code) {
    case 'HAUL_E_NETWORK':
    case 'HAUL_E_UNKNOWN_HOST':
    case 'HAUL_E_TIMEOUT':
    case 'HAUL_E_STALLED':
    case 'HAUL_E_RETRIES_EXHAUSTED':
      return { key: 'hint.checkConnection', action: 'retry' };
    case 'HAUL_E_CONTENT_CHANGED':
    case 'HAUL_E_RANGE_IGNORED':
      return { key: 'hint.changeAddress', action: 'changeAddress' };
    case 'HAUL_E_DISK_FULL':
      return { key: 'hint.freeSpace', action: 'retry' };
    case 'HAUL_E_CHECKSUM_MISMATCH':
      return { key: 'hint.downloadAgain', action: 'retry' };
    default:
      return undefined;
  }
}

/** A whole percent, rounded down so 100% means done. */
function fraction(done: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(1, Math.floor((done / total) * 100) / 100);
}

/** The server's name from the row's address (a password in it is already ***). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

const NO_NOTE = { detail: null } as const;

/** The row's note as words for the tooltip; made only when there is one (rows repaint often). */
function noteOf(row: JobRow): Pick<StatusWords, 'note' | 'detail'> {
  return row.note ? { note: noteWords(row.note), detail: null } : NO_NOTE;
}

/** Queued and passed over, or running with no connection: every connection its server allows is taken. */
function waitingForHost(row: JobRow): StatusWords {
  const host = hostOf(row.url);
  return { key: 'status.waitingForHost', values: { host }, short: { key: 'status.waitingForHostShort', values: { host } }, tone: 'queued', icon: 'queued', ...noteOf(row) };
}

export function describeStatus(row: JobRow, now: number): StatusWords {
  if (row.stopping === 'remove') return { key: 'status.removing', tone: 'queued', icon: 'stopping', detail: null };
  if (row.stopping === 'cancel') return { key: 'status.cancelling', tone: 'queued', icon: 'stopping', detail: null };
  if (row.stopping === 'pause') return { key: 'status.pausing', tone: 'paused', icon: 'stopping', detail: null };
  switch (row.status) {
    case 'active': {
      if (row.retry) {
        const values = { attempt: row.retry.attempt + 1, max: row.retry.maxTries };
        const waiting = row.retry.at > now;
        return {
          key: waiting ? 'status.retryIn' : 'status.retryNow',
          values: waiting ? { ...values, seconds: Math.ceil((row.retry.at - now) / 1000) } : values,
          tone: 'paused',
          icon: 'retrying',
          // What failed in the reader's words for the tooltip, the engine's message below it.
          note: errorWords(errorInfo(row.retry.code, row.retry.reason, row.retry.httpStatus)),
          detail: row.retry.reason,
        };
      }
      if (row.waiting === 'host') return waitingForHost(row);
      const connecting = row.received === 0 && row.speed === 0;
      return { key: connecting ? 'status.connecting' : 'status.downloading', tone: 'active', icon: connecting ? 'connecting' : 'downloading', ...noteOf(row) };
    }
    case 'verifying': {
      const f = row.stage ? fraction(row.stage.done, row.stage.total) : null;
      return { ...(f === null ? { key: 'status.verifyingStarted' } : { key: 'status.verifying', values: { percent: f } }), tone: 'verify', icon: 'verifying', detail: null };
    }
    case 'extracting': {
      const f = row.stage ? fraction(row.stage.done, row.stage.total) : null;
      const count = row.stage?.entries ?? 0;
      const of = row.stage?.entriesTotal;
      const words: Words =
        of !== undefined ? { key: 'status.extractingOf', values: { done: count, count: of } }
        : f === null ? { key: 'status.extractingFiles', values: { count } }
        : { key: 'status.extracting', values: { percent: f, count } };
      return { ...words, tone: 'verify', icon: 'extracting', detail: null };
    }
    case 'queued':
      if (row.waiting === 'host') return waitingForHost(row);
      return { key: 'status.queued', tone: 'queued', icon: 'queued', ...noteOf(row) };
    case 'paused':
      // A download paused by an error says why: it will not move until someone acts.
      if (row.error) return { key: 'status.pausedBy', reason: errorWords(row.error), tone: 'paused', icon: 'paused', hint: errorHint(row.error), detail: row.error.message };
      return { key: 'status.paused', tone: 'paused', icon: 'paused', ...noteOf(row) };
    case 'completed':
      return { key: row.checksum?.ok ? 'status.completedVerified' : 'status.completed', tone: 'done', icon: 'completed', ...noteOf(row) };
    case 'cancelled':
      return { key: 'status.cancelled', tone: 'queued', icon: 'cancelled', detail: null };
    case 'failed':
      if (!row.error) return { key: 'error.other', tone: 'failed', icon: 'failed', ...noteOf(row) };
      return { ...errorWords(row.error), tone: 'failed', icon: 'failed', hint: errorHint(row.error), detail: row.error.message };
  }
}
