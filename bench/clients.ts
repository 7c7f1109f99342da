// The downloaders compared, each with the command line it gets per case. Every client writes
// into its own empty folder under the URL's file name, so one verifier checks them all.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandExists } from './measure';
import type { DownloadCaseId as CaseId } from './options';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const HAUL_CLI = join(REPO, 'electron/cli/haul.mjs');
const CONNECTIONS = 16;
/** The tail case is the scenario: 8 connections, one of them slow. */
const TAIL_CONNECTIONS = 8;
const connectionsFor = (c: CaseId): number => (c === 'tail' ? TAIL_CONNECTIONS : CONNECTIONS);

export interface ClientJob {
  caseId: CaseId;
  urls: string[];
  /** The sources' sha256, one per url (the verify case passes it to the clients that check). */
  sha256: string[];
  /** Total bytes of the case (for chunk sizes). */
  bytes: number;
  outDir: string;
  /** Scratch space of this run: URL lists, Haul's database. */
  scratch: string;
}

export interface Command {
  cmd: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Client {
  id: string;
  /** The command as a reader would type it, for the table. */
  label(caseId: CaseId): string;
  supports(caseId: CaseId): boolean;
  command(job: ClientJob): Promise<Command>;
}

const multi = (id: CaseId): boolean => id === 'small' || id === 'empty';

async function writeList(job: ClientJob, name: string, lines: string[]): Promise<string> {
  const path = join(job.scratch, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

async function haulCommand(job: ClientJob, extra: string[], connections = connectionsFor(job.caseId)): Promise<Command> {
  const base = ['get', '--json', '--db', join(job.scratch, 'haul.db'), '-d', job.outDir, ...extra];
  const args = multi(job.caseId)
    ? [...base, '-j', String(CONNECTIONS), '-i', await writeList(job, 'haul.list', job.urls)]
    : [...base, '-x', String(connections), ...job.urls];
  // HAUL_HOME keeps the run away from the user's own Haul data.
  const env = { ...process.env, HAUL_HOME: join(job.scratch, 'haul-home') };
  return { cmd: process.execPath, args: [HAUL_CLI, ...args], cwd: REPO, env };
}

const haul: Client = {
  id: 'haul',
  label: (c) => (multi(c) ? `haul -j ${CONNECTIONS} -i list` : `haul -x ${connectionsFor(c)}`),
  supports: () => true,
  command: (job) => haulCommand(job, []),
};

/** The tail case only: one plain connection by Haul itself, the reference when curl is missing. */
const haulSingle: Client = {
  id: 'haul-x1',
  label: () => 'haul -x 1 (1 connection)',
  supports: (c) => c === 'tail',
  command: (job) => haulCommand(job, [], 1),
};

/** The verify case only: the same download, verified by the worker pool as it streams in. */
const haulSha256: Client = {
  id: 'haul-sha256',
  label: () => `haul -x ${CONNECTIONS} --checksum sha256=…`,
  supports: (c) => c === 'verify',
  command: (job) => haulCommand(job, ['--checksum', `sha256=${job.sha256[0]!}`]),
};

const ARIA_COMMON = ['--no-conf', '-q', '--file-allocation=none', '--allow-overwrite=true', '--auto-file-renaming=false'];
// In the verify case aria2c always checks: it is the reference for Haul with --checksum.
const aria2c: Client = {
  id: 'aria2c',
  label: (c) =>
    multi(c)
      ? `aria2c -j${CONNECTIONS} -i list`
      : `aria2c -x${connectionsFor(c)} -s${connectionsFor(c)} -k1M${c === 'verify' ? ' --checksum=sha-256=…' : ''}`,
  supports: () => true,
  command: async (job) => {
    const check = job.caseId === 'verify' ? [`--checksum=sha-256=${job.sha256[0]!}`] : [];
    const args = multi(job.caseId)
      ? [...ARIA_COMMON, `-j${CONNECTIONS}`, '-d', job.outDir, '-i', await writeList(job, 'aria2.list', job.urls)]
      : [...ARIA_COMMON, `-x${connectionsFor(job.caseId)}`, `-s${connectionsFor(job.caseId)}`, '-k1M', ...check, '-d', job.outDir, ...job.urls];
    return { cmd: 'aria2c', args };
  },
};

/** curl and wget2 do not verify checksums, so they sit out the verify case. */
const notVerify = (c: CaseId): boolean => c !== 'verify';

const curl: Client = {
  id: 'curl',
  label: (c) => (multi(c) ? `curl --parallel --parallel-max ${CONNECTIONS}` : 'curl (1 connection)'),
  supports: notVerify,
  command: async (job) => {
    const base = ['-sS', '--fail', '--no-progress-meter'];
    if (!multi(job.caseId)) return { cmd: 'curl', args: [...base, '-o', join(job.outDir, basename(new URL(job.urls[0]!).pathname)), job.urls[0]!] };
    // A config file rather than 2,000 arguments; each url gets its own output line.
    const lines = job.urls.flatMap((u) => [`url = "${u}"`, `output = "${join(job.outDir, basename(new URL(u).pathname))}"`]);
    const config = await writeList(job, 'curl.config', lines);
    return { cmd: 'curl', args: [...base, '--parallel', '--parallel-max', String(CONNECTIONS), '-K', config] };
  },
};

const WGET2_COMMON = ['--no-config', '-q', '-nd', '--no-hsts', '--no-robots'];
const wget2: Client = {
  id: 'wget2',
  label: (c) => (multi(c) ? `wget2 -i list --max-threads=${CONNECTIONS}` : 'wget2 (default, 1 connection)'),
  supports: notVerify,
  command: async (job) => {
    const args = multi(job.caseId)
      ? [...WGET2_COMMON, '-P', job.outDir, `--max-threads=${CONNECTIONS}`, '-i', await writeList(job, 'wget2.list', job.urls)]
      : [...WGET2_COMMON, '-P', job.outDir, ...job.urls];
    return { cmd: 'wget2', args };
  },
};

/** wget2 splits one file only when told a chunk size: bytes/16 gives 16 connections. */
const chunkMiB = (bytes: number): number => Math.max(1, Math.ceil(bytes / CONNECTIONS / (1024 * 1024)));
const wget2Chunked: Client = {
  id: 'wget2-x16',
  label: () => `wget2 --max-threads=${CONNECTIONS} --chunk-size=size/${CONNECTIONS}`,
  supports: (c) => !multi(c) && notVerify(c) && c !== 'tail',
  command: async (job) => ({
    cmd: 'wget2',
    args: [...WGET2_COMMON, '-P', job.outDir, `--max-threads=${CONNECTIONS}`, `--chunk-size=${chunkMiB(job.bytes)}M`, ...job.urls],
  }),
};

/** The many-files cases only: the least a Node downloader does under Haul's durability rule. */
const nodeFloor: Client = {
  id: 'node-floor',
  label: () => 'node floor: undici + write, datasync, rename',
  supports: multi,
  command: async (job) => ({
    cmd: process.execPath,
    args: [join(REPO, 'bench/floor-client.mjs'), await writeList(job, 'floor.list', job.urls), job.outDir],
    cwd: REPO,
  }),
};

export const ALL_CLIENTS: readonly Client[] = [haul, haulSha256, haulSingle, aria2c, curl, wget2, wget2Chunked, nodeFloor];

const BINARY: Record<string, string> = {
  haul: process.execPath,
  'haul-sha256': process.execPath,
  'haul-x1': process.execPath,
  aria2c: 'aria2c',
  curl: 'curl',
  wget2: 'wget2',
  'wget2-x16': 'wget2',
  'node-floor': process.execPath,
};

/** The installed clients among `wanted` (all when null), plus a note for each one left out. */
export async function detectClients(wanted: string[] | null): Promise<{ clients: Client[]; skipped: string[] }> {
  const clients: Client[] = [];
  const skipped: string[] = [];
  for (const id of wanted ?? []) {
    if (!ALL_CLIENTS.some((c) => c.id === id)) skipped.push(`${id}: unknown client`);
  }
  for (const c of ALL_CLIENTS) {
    if (wanted && !wanted.includes(c.id)) continue;
    if (!(await commandExists(BINARY[c.id]!))) {
      skipped.push(`${c.id}: not installed`);
      continue;
    }
    if (c.id === 'curl' && !(await curlHasParallel())) {
      skipped.push('curl: no --parallel (curl < 7.66); used for single files only');
      clients.push({ ...c, supports: (id) => !multi(id) && c.supports(id) });
      continue;
    }
    clients.push(c);
  }
  return { clients, skipped };
}

async function curlHasParallel(): Promise<boolean> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn('curl', ['--help', 'all'], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
    child.once('error', () => resolve(false));
    child.once('close', () => resolve(out.includes('--parallel-max')));
  });
}
