// `haul get` argument parsing. Every usage problem becomes a UsageError with a one-line reason
// (exit code 2), never a stack trace.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseChecksum } from '../../shared/checksum';
import { parseRate } from '../../shared/format';
import { parseList, type ListOptions } from './list-command';
import { parseRemove, type RemoveOptions } from './remove-command';
import { parseServe, type ServeOptions } from './serve-command';
import { parseCommandLine, UsageError } from './usage-error';

export { UsageError } from './usage-error';

export interface GetOptions {
  urls: string[];
  dir: string | null;
  out: string | null;
  input: string | null;
  connections: number | null;
  maxJobs: number | null;
  maxPerHost: number | null;
  limit: number | null;
  limitPerDownload: number | null;
  tries: number | null;
  timeoutMs: number | null;
  stallTimeoutMs: number | null;
  userAgent: string | null;
  headers: Record<string, string>;
  /** A cookies.txt (Netscape format) to take cookies from. */
  loadCookies: string | null;
  /** `haul resume`: continue every unfinished download in the database (no URLs given). */
  resumeAll: boolean;
  /** A .netrc to take user names and passwords from (--netrc: $NETRC or ~/.netrc). */
  netrc: string | null;
  db: string | null;
  json: boolean;
  /** Nothing on stdout; failures and rejected lines still on stderr (as curl -sS). */
  quiet: boolean;
  checksum: string | null;
  checksumUrl: string | null;
  /** Other addresses of the one URL's file, tried in order when it fails. */
  mirrors: string[];
  extract: boolean;
  deleteArchive: boolean;
  /** A PEM file of extra certificate authorities to trust. */
  caCertificate: string | null;
  insecure: boolean;
  /** null: from the environment; '' for none. */
  proxy: string | null;
  noProxy: string | null;
}

export type Command =
  | { kind: 'get'; options: GetOptions }
  | { kind: 'list'; options: ListOptions }
  | { kind: 'remove'; options: RemoveOptions }
  | { kind: 'serve'; options: ServeOptions }
  | { kind: 'help'; text: string }
  | { kind: 'version' };

export const USAGE = `Usage: haul get [options] <url...>
       haul resume [options]      continue every unfinished download in the database
       haul list [--db <path>] [--json]
                                  show the downloads in the database (see haul list --help)
       haul remove [--completed] [--failed] [--delete-files] [<id>...]
                                  take downloads out of the database (see haul remove --help)
       haul serve [--port 6801] [--host 127.0.0.1] [--token <token>]
                                  run the downloads and serve the interface to a browser
                                  (see haul serve --help)

  -d, --dir <path>          destination folder (default: the configured download folder)
  -o, --out <name>          file name (one URL only)
  -i, --input <file|->      URLs from a file or stdin (one per line; aria2 input-file form accepted)
  -x, --connections <n>     connections per download, 1..64 (default 8)
  -j, --max-jobs <n>        downloads at once (default 5)
      --max-per-host <n>    connections per host across downloads (default 16)
      --limit <rate>        global speed limit: 500K, 8M, 1.5M (bytes/s; default none)
      --limit-per-download <rate>
                            speed limit of each download (default none)
  -t, --tries <n>           tries per connection before a download fails, 1..100 (default 5)
      --timeout <seconds>   to connect (default 15); the server's answer may take twice as long
      --stall-timeout <seconds>
                            no data for this long and the connection is retried (default 30)
      --user-agent <text>   User-Agent header (default: Haul/<version>)
      --header "<N: v>"     extra request header, repeatable
      --load-cookies <file> send the matching cookies of this cookies.txt (Netscape format, as
                            browsers export it and curl, wget and aria2 read it)
      --netrc               user names and passwords by host from ~/.netrc (or $NETRC)
      --netrc-file <file>   the same from this file
      --db <path>           state database (default: haul.db under HAUL_HOME or the user data dir)
      --json                JSON lines on stdout instead of progress bars
  -q, --quiet               print nothing but failures and rejected lines (on stderr)
      --checksum <algo=hex> verify the file (md5, sha1, sha256, sha512; one URL only); a bare hex
                            picks the algorithm by its length
      --checksum-url <url>  verify against a .sha256-style file (one URL only)
      --mirror <url>        another address of the same file, used if the URL fails; repeatable
                            (one URL only; in an input file, put mirrors on the URL's line after a TAB)
      --extract             extract zip, tar, tar.gz/tgz, gz, tar.bz2, tar.xz after download
      --delete-archive      delete the archive after a successful extraction
      --ca-certificate <file>
                            also trust the certificate authorities in this PEM file (HTTPS)
      --insecure            accept any HTTPS certificate (only for servers you trust)
      --proxy <url>         proxy: http://[user:password@]host:port, or SOCKS5 as socks5h://host:port
                            (the proxy resolves names) or socks5:// ('' for none; default:
                            $HTTPS_PROXY, $HTTP_PROXY or $ALL_PROXY, as curl reads them)
      --no-proxy <hosts>    hosts reached directly, comma-separated (default: $NO_PROXY)
  -h, --help                show this help
`;

export function parseCommand(argv: string[]): Command {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') return { kind: 'help', text: USAGE };
  if (sub === '--version' || sub === '-v') return { kind: 'version' };
  if (sub === 'list') return parseList(rest);
  if (sub === 'remove') return parseRemove(rest);
  if (sub === 'serve') return parseServe(rest);
  if (sub === 'get' || sub === 'resume') return parseGet(rest, sub === 'resume');
  throw new UsageError(`unknown command "${sub}" (try: haul --help)`);
}

function parseGet(args: string[], resumeAll: boolean): Command {
  const parsed = parseCommandLine({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      dir: { type: 'string', short: 'd' },
      out: { type: 'string', short: 'o' },
      input: { type: 'string', short: 'i' },
      connections: { type: 'string', short: 'x' },
      'max-jobs': { type: 'string', short: 'j' },
      'max-per-host': { type: 'string' },
      limit: { type: 'string' },
      'limit-per-download': { type: 'string' },
      tries: { type: 'string', short: 't' },
      timeout: { type: 'string' },
      'stall-timeout': { type: 'string' },
      'user-agent': { type: 'string' },
      header: { type: 'string', multiple: true },
      'load-cookies': { type: 'string' },
      netrc: { type: 'boolean' },
      'netrc-file': { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      checksum: { type: 'string' },
      'checksum-url': { type: 'string' },
      mirror: { type: 'string', multiple: true },
      extract: { type: 'boolean' },
      'delete-archive': { type: 'boolean' },
      'ca-certificate': { type: 'string' },
      insecure: { type: 'boolean' },
      proxy: { type: 'string' },
      'no-proxy': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const v = parsed.values;
  if (v.help) return { kind: 'help', text: USAGE };
  const urls = parsed.positionals;
  if (resumeAll) {
    const given = urls.length > 0 ? 'URLs' : (['input', 'out', 'checksum', 'checksum-url', 'mirror'] as const).find((k) => v[k] !== undefined);
    if (given) throw new UsageError(`resume continues the downloads already in the database and takes no ${given === 'URLs' ? 'URLs' : `--${given}`} (use haul get)`);
  } else if (urls.length === 0 && v.input === undefined) {
    throw new UsageError('no URL given (pass URLs or -i <file>)');
  }
  if (v.quiet && v.json) throw new UsageError('--quiet and --json do not go together');
  if (v.out !== undefined && (urls.length !== 1 || v.input !== undefined)) throw new UsageError('-o/--out needs exactly one URL');
  for (const flag of ['checksum', 'checksum-url'] as const) {
    if (v[flag] !== undefined && (urls.length !== 1 || v.input !== undefined)) throw new UsageError(`--${flag} needs exactly one URL (use checksum= lines in an input file for several)`);
  }
  if (v.mirror !== undefined && (urls.length !== 1 || v.input !== undefined)) {
    throw new UsageError('--mirror needs exactly one URL (in an input file, put mirrors on the URL\'s line after a TAB)');
  }
  if (v.checksum !== undefined) {
    const parsed = parseChecksum(v.checksum);
    if ('error' in parsed) throw new UsageError(`invalid --checksum: ${parsed.error}`);
  }
  if (v['user-agent'] !== undefined && (v['user-agent'] === '' || v['user-agent'].length > 512 || /[\r\n]/.test(v['user-agent']))) {
    throw new UsageError('--user-agent must be one line of 1 to 512 characters');
  }
  return {
    kind: 'get',
    options: {
      urls,
      resumeAll,
      dir: v.dir ?? null,
      out: v.out ?? null,
      input: v.input ?? null,
      connections: intOption('--connections', v.connections, 1, 64),
      maxJobs: intOption('--max-jobs', v['max-jobs'], 1, 100),
      maxPerHost: intOption('--max-per-host', v['max-per-host'], 1, 256),
      limit: rateOption('--limit', v.limit),
      limitPerDownload: rateOption('--limit-per-download', v['limit-per-download']),
      tries: intOption('--tries', v.tries, 1, 100),
      timeoutMs: secondsOption('--timeout', v.timeout),
      stallTimeoutMs: secondsOption('--stall-timeout', v['stall-timeout']),
      userAgent: v['user-agent'] ?? null,
      headers: parseHeaders(v.header ?? []),
      loadCookies: v['load-cookies'] ?? null,
      netrc: v['netrc-file'] ?? (v.netrc ? process.env.NETRC || join(homedir(), '.netrc') : null),
      db: v.db ?? null,
      json: v.json ?? false,
      quiet: v.quiet ?? false,
      checksum: v.checksum ?? null,
      checksumUrl: v['checksum-url'] ?? null,
      mirrors: v.mirror ?? [],
      extract: v.extract ?? false,
      deleteArchive: v['delete-archive'] ?? false,
      caCertificate: v['ca-certificate'] ?? null,
      insecure: v.insecure ?? false,
      proxy: v.proxy ?? null,
      noProxy: v['no-proxy'] ?? null,
    },
  };
}

function rateOption(name: string, raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const rate = parseRate(raw);
  if (rate === null) throw new UsageError(`invalid ${name} "${raw}" (examples: 500K, 8M, 1.5M)`);
  return rate;
}

/** Seconds (fractions allowed) as ms, within the settings' 0.1 s .. 600 s. */
function secondsOption(name: string, raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const s = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || s < 0.1 || s > 600) throw new UsageError(`${name} must be a number of seconds from 0.1 to 600 (got "${raw}")`);
  return Math.round(s * 1000);
}

function intOption(name: string, raw: string | undefined, min: number, max: number): number | null {
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}

export function parseHeaders(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of raw) {
    const i = h.indexOf(':');
    const name = i > 0 ? h.slice(0, i).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`invalid --header "${h}" (expected "Name: value")`);
    headers[name] = h.slice(i + 1).trim();
  }
  return headers;
}
