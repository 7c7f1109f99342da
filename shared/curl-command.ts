// A `curl …` command pasted into the add dialog, as browsers copy a request ("Copy as cURL", in
// its bash and cmd forms), becomes the download it describes: its URL with its headers, cookies,
// credentials and file name. A command that is not a plain GET is refused with the reason; Haul
// never sends a body.
import { shellWords } from './shell-words';

export type CurlDownload =
  | { ok: true; url: string; headers: Record<string, string>; name?: string }
  | { ok: false; error: string };

/** Headers that describe this one request or its transport, never the file: Haul sets its own. */
const DROPPED_HEADERS = new Set([
  'accept-encoding', 'connection', 'content-length', 'content-type', 'expect', 'host', 'if-match', 'if-modified-since',
  'if-none-match', 'if-range', 'if-unmodified-since', 'keep-alive', 'proxy-connection', 'range', 'te', 'transfer-encoding', 'upgrade',
]);

/** Options that send a body or upload: not a download. */
const BODY_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '-F', '--form', '--form-string', '--json', '-T', '--upload-file']);

/** Options with an argument that say nothing about the file (timeouts, output format, TLS files…). */
const IGNORED_WITH_ARG = new Set([
  '--connect-timeout', '-m', '--max-time', '--retry', '--retry-delay', '--retry-max-time', '-w', '--write-out', '--limit-rate', '-r', '--range',
  '--max-redirs', '--resolve', '--connect-to', '--interface', '--cacert', '--capath', '-E', '--cert', '--key', '--cert-type', '--key-type',
  '-x', '--proxy', '-U', '--proxy-user', '--noproxy', '-c', '--cookie-jar', '-D', '--dump-header', '--trace', '--trace-ascii', '-Y',
  '--speed-limit', '-y', '--speed-time', '--ciphers', '--tls-max', '--expect100-timeout', '--keepalive-time', '-z', '--time-cond',
]);

/** Whether a pasted text is a curl command (so the dialog reads it as one). */
export function isCurlCommand(text: string): boolean {
  return /^\s*curl(\.exe)?\s/i.test(text);
}

export function parseCurlCommand(text: string): CurlDownload {
  const words = shellWords(text);
  if (!words.ok) return { ok: false, error: words.error };
  const [command, ...args] = words.words;
  if (!command || !/^curl(\.exe)?$/i.test(command)) return { ok: false, error: 'not a curl command' };
  let url: string | undefined;
  let name: string | undefined;
  let user: string | undefined;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const { flag, value: inline } = splitOption(args[i]!);
    const next = (): string | undefined => inline ?? args[++i];
    if (!flag.startsWith('-') || flag === '-') {
      url ??= flag;
      continue;
    }
    if (BODY_OPTIONS.has(flag)) return { ok: false, error: `it sends data (${flag}): Haul downloads with GET` };
    switch (flag) {
      case '--url':
        url ??= next();
        break;
      case '-H':
      case '--header': {
        const header = parseHeader(next() ?? '');
        if (header === null) break;
        if (header.name === 'cookie') cookies.push(header.value);
        else if (!DROPPED_HEADERS.has(header.name) && !header.name.startsWith(':')) headers[header.name] = header.value;
        break;
      }
      case '-b':
      case '--cookie': {
        const value = next() ?? '';
        // Without '=' it names a cookie file, which the pasted text does not carry.
        if (!value.includes('=')) return { ok: false, error: `-b ${value} reads cookies from a file; paste the cookies themselves` };
        cookies.push(value);
        break;
      }
      case '-A':
      case '--user-agent':
        headers['user-agent'] = next() ?? '';
        break;
      case '-e':
      case '--referer':
        headers.referer = (next() ?? '').replace(/;auto$/, '');
        break;
      case '-u':
      case '--user':
        user = next();
        break;
      case '-o':
      case '--output':
        name = next();
        break;
      case '-X':
      case '--request': {
        const method = (next() ?? '').toUpperCase();
        if (method !== 'GET') return { ok: false, error: `it sends a ${method} request: Haul downloads with GET` };
        break;
      }
      case '-I':
      case '--head':
        return { ok: false, error: 'it asks for the headers only (-I)' };
      default:
        if (IGNORED_WITH_ARG.has(flag) && inline === undefined) i++;
    }
  }
  if (url === undefined) return { ok: false, error: 'the command has no URL' };
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  const withUser = user === undefined ? url : addUser(url, user);
  if (withUser === null) return { ok: false, error: `${url} is not a valid address` };
  return name === undefined ? { ok: true, url: withUser, headers } : { ok: true, url: withUser, headers, name };
}

/** `--header=v` and `-Hv` carry their value in the same word. */
function splitOption(word: string): { flag: string; value?: string } {
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    return eq > 2 ? { flag: word.slice(0, eq), value: word.slice(eq + 1) } : { flag: word };
  }
  if (/^-[HbAeuoXrmwxUcDEzy]./.test(word)) return { flag: word.slice(0, 2), value: word.slice(2) };
  return { flag: word };
}

function parseHeader(line: string): { name: string; value: string } | null {
  const colon = line.indexOf(':', line.startsWith(':') ? 1 : 0);
  if (colon <= 0) return null;
  const name = line.slice(0, colon).trim().toLowerCase();
  const value = line.slice(colon + 1).trim();
  // `-H 'X;'` sends an empty header and `-H 'X:'` removes one: neither carries anything to keep.
  return name && value ? { name, value } : null;
}

/** `-u user:password` goes where Haul keeps credentials: in the address, for its origin only. */
function addUser(url: string, user: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const colon = user.indexOf(':');
  u.username = colon < 0 ? user : user.slice(0, colon);
  if (colon >= 0) u.password = user.slice(colon + 1);
  return u.href;
}
