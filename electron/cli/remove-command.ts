// `haul remove`: takes downloads out of a database (by the ids `haul list` shows, or by status),
// optionally with their files. It holds the database like `haul get`, so it never pulls a
// download from under a running one.
import { localCalls } from './local-calls';
import { existsSync } from 'node:fs';
import type { JobSnapshot } from '../../shared/models/job';
import { displayUrl } from '../../shared/format';
import { Engine } from '../engine/engine';
import { databasePath, defaultDownloadDir } from '../engine/paths';
import { openSqliteJobStore } from '../engine/store';
import { SHORT_ID } from './list-command';
import { parseCommandLine, UsageError } from './usage-error';

export interface RemoveOptions {
  db: string | null;
  ids: string[];
  completed: boolean;
  failed: boolean;
  deleteFiles: boolean;
}

export const REMOVE_USAGE = `Usage: haul remove [options] [<id>...]

  Takes downloads out of the database: the ones named by the ids haul list shows (or longer
  prefixes of them), and/or every download with a status.

      --completed           every completed download
      --failed              every failed download
      --delete-files        also delete their files: the finished file while it is still the
                            one downloaded, or the .part of an unfinished one; without it,
                            files stay where they are
      --db <path>           state database (default: haul.db under HAUL_HOME or the user data dir)
  -h, --help                show this help
`;

export function parseRemove(args: string[]): { kind: 'remove'; options: RemoveOptions } | { kind: 'help'; text: string } {
  const parsed = parseCommandLine({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      completed: { type: 'boolean' },
      failed: { type: 'boolean' },
      'delete-files': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const v = parsed.values;
  if (v.help) return { kind: 'help', text: REMOVE_USAGE };
  const ids = parsed.positionals;
  if (ids.length === 0 && !v.completed && !v.failed) throw new UsageError('remove needs ids (from haul list), --completed or --failed');
  const short = ids.find((id) => id.length < 4);
  if (short !== undefined) throw new UsageError(`id "${short}" is too short: give at least 4 characters of an id from haul list`);
  return { kind: 'remove', options: { db: v.db ?? null, ids, completed: v.completed ?? false, failed: v.failed ?? false, deleteFiles: v['delete-files'] ?? false } };
}

/** What --delete-files did: a finished file that is no longer the one downloaded stays, and the line says so. */
function filesOutcome(job: JobSnapshot): string {
  if (!job.path) return '';
  if (job.completedAt !== null && existsSync(job.path)) return ` (kept ${job.path}: it is not the file this download wrote)`;
  return ' and its file';
}

/** Removes what was asked; every id that names no download, or several, is reported and changes nothing. */
export async function runRemove(opts: RemoveOptions, write: (s: string) => void, err: (s: string) => void): Promise<number> {
  const file = opts.db ?? databasePath();
  if (!existsSync(file)) {
    err(`haul: no database at ${file}: nothing to remove\n`);
    return 1;
  }
  const engine = new Engine({ store: openSqliteJobStore(file, { exclusive: true }), defaultDownloadDir: defaultDownloadDir(), autoResume: false });
  try {
    const jobs = engine.list();
    const chosen = new Map<string, JobSnapshot>();
    let problems = 0;
    for (const id of opts.ids) {
      const matches = jobs.filter((j) => j.id.startsWith(id.toLowerCase()));
      if (matches.length === 1) chosen.set(matches[0]!.id, matches[0]!);
      else {
        problems++;
        err(matches.length === 0 ? `haul: no download with id ${id}\n` : `haul: ${matches.length} downloads have ids starting with ${id}: give more of it\n`);
      }
    }
    if (problems > 0) return 1;
    for (const j of jobs) if ((opts.completed && j.status === 'completed') || (opts.failed && j.status === 'failed')) chosen.set(j.id, j);
    if (chosen.size > 0) await localCalls(engine)('jobs.remove', { ids: [...chosen.keys()], deleteFiles: opts.deleteFiles });
    for (const j of chosen.values()) write(`removed ${j.id.slice(0, SHORT_ID)} ${j.name ?? displayUrl(j.url)}${opts.deleteFiles ? filesOutcome(j) : ''}\n`);
    write(`${chosen.size} download${chosen.size === 1 ? '' : 's'} removed\n`);
    return 0;
  } finally {
    await engine.close();
  }
}
