// Parses the URL lists users paste, drop or pass with `haul get -i file`: one URL per line, plus
// aria2's input-file form (indented `key=value` option lines, TAB-separated mirrors). Garbage is
// rejected line by line with a reason; it never throws.

export interface UrlListEntry {
  url: string;
  /** 1-based line of the URL itself. */
  line: number;
  /** Other addresses of the same file (TAB-separated on the line), tried in order if `url` fails. */
  mirrors?: string[];
  out?: string;
  dir?: string;
  headers?: Record<string, string>;
  /** Raw aria2 value, e.g. `sha-256=<hex>`; the verifier interprets it. */
  checksum?: string;
}

export interface UrlListRejection {
  line: number;
  /** The offending line, shortened and made printable for display. */
  input: string;
  error: string;
}

export interface UrlListResult {
  entries: UrlListEntry[];
  rejected: UrlListRejection[];
}

export type UrlCheck = { ok: true; url: string } | { ok: false; error: string };

/** Same ceiling as the `jobs.add` schema, so anything accepted here is accepted there. */
export const MAX_LINE_LENGTH = 8192;
const DISPLAY_LENGTH = 200;

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const OPTION = /^([A-Za-z][A-Za-z0-9-]*)=(.*)$/;
const KNOWN_OPTIONS = new Set(['out', 'dir', 'header', 'checksum']);
// RFC 9110 token, as the jobs.add schema requires for header names.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** C0 controls except TAB, DEL, C1 controls, and U+FFFD (what invalid UTF-8 decodes to). */
function isJunk(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
}

function junkError(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isJunk(code)) continue;
    if (code === 0xfffd) return 'contains invalid UTF-8 or binary data';
    return `contains a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  }
  return null;
}

/** Shortens and neutralises a line so it is safe to print in a terminal or a list. */
function forDisplay(text: string): string {
  let s = text.length > DISPLAY_LENGTH ? text.slice(0, DISPLAY_LENGTH) : text;
  // Don't leave half a surrogate pair behind.
  const last = s.charCodeAt(s.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1);
  let out = '';
  for (const ch of s) out += isJunk(ch.charCodeAt(0)) ? '\uFFFD' : ch;
  return s.length < text.length ? `${out}…` : out;
}

/** `www.example.com/x`, `example.com:8080`, `10.0.0.1/a`: a URL that lost its scheme. */
function looksSchemeless(text: string): boolean {
  if (/\s/.test(text)) return false;
  let parsed: URL;
  try {
    parsed = new URL(`http://${text}`);
  } catch {
    return false;
  }
  const host = parsed.hostname;
  if (host === 'localhost') return parsed.port !== '' || parsed.pathname !== '/';
  // IP literals, or a dotted name ending in an alphabetic TLD.
  return host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^([a-z0-9-]+\.)+[a-z]{2,}$/i.test(host);
}

/** Checks one user-supplied URL: http(s) with a host, nothing else. Returns the normalized href. */
export function validateDownloadUrl(raw: string): UrlCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, error: 'empty' };
  if (text.length > MAX_LINE_LENGTH) return { ok: false, error: `URL too long (${text.length} characters)` };
  const junk = junkError(text);
  if (junk) return { ok: false, error: junk };
  // WHATWG parsing silently drops tabs; a URL containing one is not what the user meant.
  if (text.includes('\t')) return { ok: false, error: 'contains a TAB character' };

  // `new URL` would happily percent-encode the space and glue two downloads into one.
  if (/\s+https?:\/\//i.test(text)) return { ok: false, error: 'several URLs on one line (put one per line)' };

  const scheme = SCHEME.exec(text);
  if (!scheme) {
    if (text.startsWith('//') || looksSchemeless(text)) return { ok: false, error: 'missing http:// or https://' };
    return { ok: false, error: 'not a URL' };
  }
  const protocol = `${scheme[1]!.toLowerCase()}:`;
  if (protocol !== 'http:' && protocol !== 'https:') {
    const rest = text.slice(scheme[0].length);
    // `example.com:8080/x` parses as scheme "example.com"; `C:\dir` as scheme "c".
    if (/^\d+([/?#]|$)/.test(rest)) return { ok: false, error: 'missing http:// or https://' };
    if (protocol.length === 2 && /^[\\/]/.test(rest)) return { ok: false, error: 'not a URL (looks like a file path)' };
    return { ok: false, error: `unsupported protocol "${protocol}" (only http and https)` };
  }
  if (/^[a-z]+:[/\\]*([?#]|$)/i.test(text)) return { ok: false, error: 'missing host' };

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: 'invalid URL' };
  }
  if (url.hostname === '') return { ok: false, error: 'missing host' };
  return { ok: true, url: url.href };
}

type OptionOutcome = { ok: true } | { ok: false; error: string };

function applyOption(entry: UrlListEntry, key: string, rawValue: string): OptionOutcome {
  if (!KNOWN_OPTIONS.has(key)) return { ok: true }; // aria2 has many more; they don't concern Haul.
  const value = rawValue.trim();
  if (value === '') return { ok: false, error: `empty value for option "${key}"` };
  switch (key) {
    case 'out':
      entry.out = value;
      return { ok: true };
    case 'dir':
      entry.dir = value;
      return { ok: true };
    case 'checksum':
      entry.checksum = value;
      return { ok: true };
    default: {
      const colon = value.indexOf(':');
      if (colon <= 0) return { ok: false, error: 'header option must look like "Name: value"' };
      const name = value.slice(0, colon).trim();
      if (!HEADER_NAME.test(name)) return { ok: false, error: `invalid header name "${name}"` };
      // Header names are case-insensitive: a repeat replaces the earlier value.
      const kept = Object.entries(entry.headers ?? {}).filter(([k]) => k.toLowerCase() !== name.toLowerCase());
      entry.headers = { ...Object.fromEntries(kept), [name]: value.slice(colon + 1).trim() };
      return { ok: true };
    }
  }
}

/** The valid URIs among TAB-separated mirrors (the first is the download's address), or the first one's error. */
function pickUrls(text: string): { ok: true; urls: string[] } | { ok: false; error: string } {
  const urls: string[] = [];
  let firstError: string | null = null;
  for (const part of text.split('\t')) {
    if (part.trim() === '') continue;
    const check = validateDownloadUrl(part);
    if (check.ok) {
      if (!urls.includes(check.url)) urls.push(check.url);
    } else firstError ??= check.error;
  }
  return urls.length > 0 ? { ok: true, urls } : { ok: false, error: firstError ?? 'not a URL' };
}

export function parseUrlList(text: string): UrlListResult {
  const entries: UrlListEntry[] = [];
  const rejected: UrlListRejection[] = [];
  // Option lines belong to the URL above them; after a rejected URL they are dropped quietly,
  // since the URL's own rejection already tells the user what went wrong.
  let owner: UrlListEntry | 'rejected' | null = null;
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\r|\n/);

  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indented = raw.startsWith(' ') || raw.startsWith('\t');
    const reject = (error: string): void => {
      rejected.push({ line, input: forDisplay(trimmed), error });
    };

    if (trimmed.length > MAX_LINE_LENGTH) {
      reject(`line too long (${trimmed.length} characters)`);
      if (!indented) owner = 'rejected';
      continue;
    }

    // Checked on the whole line, so junk after a TAB can't hide behind a valid first mirror.
    const junk = junkError(trimmed);
    const option = OPTION.exec(trimmed);
    if (option && indented) {
      if (junk) reject(junk);
      else if (owner === null) reject(`option line "${option[1]}=…" has no URL above it`);
      else if (owner !== 'rejected') {
        const outcome = applyOption(owner, option[1]!, option[2]!);
        if (!outcome.ok) reject(outcome.error);
      }
      continue;
    }

    const check = junk ? { ok: false as const, error: junk } : pickUrls(trimmed);
    if (check.ok) {
      const [url, ...mirrors] = check.urls;
      owner = mirrors.length > 0 ? { url: url!, line, mirrors } : { url: url!, line };
      entries.push(owner);
      continue;
    }
    owner = 'rejected';
    const misplacedOption = option !== null && KNOWN_OPTIONS.has(option[1]!);
    reject(misplacedOption ? `option "${option[1]}" must be indented under its URL` : check.error);
  }

  return { entries, rejected };
}
