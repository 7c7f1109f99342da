// Command-line options of `npm run bench`.
import { parseArgs } from 'node:util';

export const CASE_IDS = ['capped', 'big', 'small'] as const;
export type CaseId = (typeof CASE_IDS)[number];
export type ServerKind = 'nginx' | 'node';

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

  --only=capped|big|small   run only these cases (comma-separated; default all)
  --server=nginx|node       force the loopback server (default nginx when installed)
  --repeat=N                run each case N times and take the median (default 1)
  --keep                    keep this run's downloads, logs and server config in bench/.data/
  --timeout=SECONDS         kill a client run after this long (default 300)
  --clients=a,b             only these clients (haul, aria2c, curl, wget2, wget2-x16)
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
  const only = values.only === undefined ? [...CASE_IDS] : values.only.split(',').map((s) => s.trim());
  for (const id of only) {
    if (!(CASE_IDS as readonly string[]).includes(id)) throw new OptionsError(`unknown case "${id}" (capped, big, small)`);
  }
  const server = values.server ?? null;
  if (server !== null && server !== 'nginx' && server !== 'node') throw new OptionsError(`unknown server "${server}" (nginx, node)`);
  const repeat = positiveInt(values.repeat ?? '1', '--repeat');
  const timeoutMs = positiveInt(values.timeout ?? '300', '--timeout') * 1000;
  const clients = values.clients === undefined ? null : values.clients.split(',').map((s) => s.trim());
  return { only: only as CaseId[], server, repeat, keep: values.keep ?? false, timeoutMs, clients };
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
