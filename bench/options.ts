// Command-line options of `npm run bench`.
import { parseArgs } from 'node:util';

/** Downloads run by client processes (Haul's CLI and the others), measured from outside. */
export const DOWNLOAD_CASES = ['capped', 'big', 'small', 'empty', 'verify', 'tail'] as const;
/** Issue 3: the engine and the worker pool measured in this process. */
export const POST_CASES = ['loop', 'pool', 'extract', 'limits'] as const;
/** Issue 13: the engine with 100,000 jobs in its store, in a process of its own. */
export const SCALE_CASES = ['scale'] as const;
/** Issue 14: the web UI in Chromium against `haul serve`'s server. */
export const UI_CASES = ['ui'] as const;
export const CASE_IDS = [...DOWNLOAD_CASES, ...POST_CASES, ...SCALE_CASES, ...UI_CASES] as const;
export type CaseId = (typeof CASE_IDS)[number];
export type DownloadCaseId = (typeof DOWNLOAD_CASES)[number];
export type ServerKind = 'nginx' | 'node';

export const isDownloadCase = (id: CaseId): id is DownloadCaseId => (DOWNLOAD_CASES as readonly string[]).includes(id);

export interface BenchOptions {
  only: CaseId[];
  /** null: nginx when installed, else node. */
  server: ServerKind | null;
  repeat: number;
  keep: boolean;
  /** Per client run; the run is killed after it. */
  timeoutMs: number;
  /** Client ids to run (null: every installed one). */
  clients: string[] | null;
}

export const USAGE = `Usage: npm run bench -- [options]

  --only=CASES              run only these cases, comma-separated (default: all):
                              capped   256 MiB, 8 MiB/s per connection
                              big      1 GiB, unthrottled
                              small    1,000 × 16 KiB
                              empty    500 empty files from one host (none may hang)
                              verify   1 GiB: haul vs haul --checksum vs aria2c --checksum,
                                       and the verification latency (in-process engine)
                              tail     64 MiB over 8 connections, one of them served at
                                       256 KiB/s (always the Node server), vs one connection
                              loop     main event-loop delay of an in-process engine while it
                                       downloads 1 GiB with sha256, then extracts a tar.gz
                              pool     sha256 of 4 × 256 MiB with 1 worker vs 2
                              extract  Haul's extractor vs GNU tar xzf and unzip -q (≥ 3 runs)
                              limits   speed limits at 4 MiB/s: the token bucket alone, one
                                       download's own limit, two under a global limit
                              scale    engine start with 100,000 jobs in the store, and the
                                       progress tick with 100,000 finished + 100 running
                              ui       the web UI in Chromium (/usr/bin/chromium) on haul serve's
                                       server: 10,000 jobs (first rows, DOM size, scrolling) and
                                       100 running (frames, WebSocket bytes/s, JS heap)
                            "all" is every case
  --server=nginx|node       force the loopback server (default nginx when installed)
  --repeat=N                run each case N times and take the median (default 1)
  --keep                    keep this run's downloads, logs and server config in bench/.data/
  --timeout=SECONDS         kill a client run after this long (default 300)
  --clients=a,b             only these client processes (haul, haul-sha256, haul-x1, aria2c, curl,
                            wget2, wget2-x16, node-floor); the in-process engine rows always run
`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      only: { type: 'string' },
      server: { type: 'string' },
      repeat: { type: 'string' },
      keep: { type: 'boolean' },
      timeout: { type: 'string' },
      clients: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new OptionsError(USAGE, 0);
  const listed = values.only === undefined ? ['all'] : values.only.split(',').map((s) => s.trim());
  const only = new Set<string>();
  for (const id of listed) {
    if (id === 'all') CASE_IDS.forEach((c) => only.add(c));
    else if ((CASE_IDS as readonly string[]).includes(id)) only.add(id);
    else throw new OptionsError(`unknown case "${id}" (${CASE_IDS.join(', ')}, all)`);
  }
  const server = values.server ?? null;
  if (server !== null && server !== 'nginx' && server !== 'node') throw new OptionsError(`unknown server "${server}" (nginx, node)`);
  const repeat = positiveInt(values.repeat ?? '1', '--repeat');
  const timeoutMs = positiveInt(values.timeout ?? '300', '--timeout') * 1000;
  const clients = values.clients === undefined ? null : values.clients.split(',').map((s) => s.trim());
  // Always in the canonical order, whatever order they were listed in.
  return { only: CASE_IDS.filter((c) => only.has(c)), server, repeat, keep: values.keep ?? false, timeoutMs, clients };
}

function positiveInt(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new OptionsError(`${name} needs a positive integer, got "${text}"`);
  return n;
}

/** A usage problem (exit code 2), or the help text (exit code 0). */
export class OptionsError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
