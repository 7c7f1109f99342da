// Something the engine decided about a download, told to the person: why it restarted from zero,
// why it uses fewer connections, where it went on from. Kept as data, not sentences, so each client
// says it in its own language (the UI in English or Chinese; the CLI and the log in English, by
// `noteText`). Addresses in a note are already shown with a password as ***.
import type { ErrorInfo } from '../errors';

/** Why the kept bytes could not be continued and the download started again from byte 0. */
export type RestartCause =
  | { why: 'rangeIgnored' }
  | { why: 'rangeRefused' }
  | { why: 'changed'; what: 'etag' | 'lastModified' | 'size'; before: string; after: string }
  | { why: 'unexpectedStatus'; status: number }
  | { why: 'noContentRange' }
  | { why: 'wrongStart'; got: number; want: number }
  | { why: 'notResumable' }
  | { why: 'partMissing' }
  | { why: 'partShort' };

export type JobNote =
  | { kind: 'restarted'; cause: RestartCause }
  | { kind: 'throttled'; status: number }
  | { kind: 'addressChanged'; url: string }
  | { kind: 'mirror'; from: string; to: string; error: ErrorInfo }
  | { kind: 'extractSkipped'; entries: number; skipped: number }
  /** Extraction asked for after the download did not happen (cancelled, or not an archive it can open). */
  | { kind: 'notExtracted'; error: ErrorInfo }
  /** A note written by an older version, as it was. */
  | { kind: 'text'; text: string };

export function causeText(c: RestartCause): string {
  switch (c.why) {
    case 'rangeIgnored':
      return 'the server ignored the byte range and sent the whole file';
    case 'rangeRefused':
      return 'the server refused the byte range (HTTP 416); the file probably changed';
    case 'changed':
      return `the file changed on the server (${c.what === 'etag' ? 'ETag' : c.what === 'lastModified' ? 'Last-Modified' : 'size'} ${c.before} → ${c.after})`;
    case 'unexpectedStatus':
      return `unexpected status ${c.status} to a range request`;
    case 'noContentRange':
      return 'the server answered a range request without a valid Content-Range';
    case 'wrongStart':
      return `the server sent bytes from ${c.got} instead of ${c.want}`;
    case 'notResumable':
      return 'the server does not support resuming this download';
    case 'partMissing':
      return 'the partial file was missing';
    case 'partShort':
      return 'the partial file is shorter than what was recorded';
  }
}

/** The note in English: for the CLI, the log, and a tooltip's technical line. */
export function noteText(n: JobNote): string {
  switch (n.kind) {
    case 'restarted':
      return `Restarted from zero: ${causeText(n.cause)}.`;
    case 'throttled':
      return `The server answered ${n.status}; using fewer connections to it.`;
    case 'addressChanged':
      return `New address ${n.url}: the bytes already downloaded are kept if the file there is the same.`;
    case 'mirror':
      return `${n.from} failed (${n.error.message}); continuing from the mirror ${n.to}.`;
    case 'extractSkipped':
      return `Extracted ${n.entries} entries; skipped ${n.skipped} (links or special files).`;
    case 'notExtracted':
      return n.error.message;
    case 'text':
      return n.text;
  }
}

/** Notes are compared by value: the same note made again is no news. */
export function sameNote(a: JobNote | null, b: JobNote | null): boolean {
  return a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}

const KINDS: ReadonlySet<string> = new Set(['restarted', 'throttled', 'addressChanged', 'mirror', 'extractSkipped', 'notExtracted', 'text']);

/** A stored note: JSON from this version, or plain text from an older one (kept as it was). */
export function parseNote(stored: string | null): JobNote | null {
  if (stored === null) return null;
  if (stored.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(stored);
      if (typeof v === 'object' && v !== null && 'kind' in v && typeof v.kind === 'string' && KINDS.has(v.kind)) return v as JobNote;
    } catch {
      // not JSON after all: an old note that began with a brace
    }
  }
  return { kind: 'text', text: stored };
}
