// What an earlier `haul get` on the same database left of a download this run asks for: a
// finished file, or an unfinished download to continue (also from a new address, when the
// run names the same file with -o or out=: an expired link given anew; and with its password
// given again, when the desktop app sealed it).
import { stat } from 'node:fs/promises';
import type { JobSnapshot } from '../../shared/models/job';
import { mapUrlPassword } from '../engine/secrets/job-secrets';
import { isSealed } from '../engine/secrets/secret-box';

export type Earlier =
  | { kind: 'done'; job: JobSnapshot }
  | { kind: 'unfinished'; job: JobSnapshot; newAddress: boolean }
  | { kind: 'none' };

export class EarlierJobs {
  // Keyed maps: a list of 10,000 must not scan 10,000 jobs per line.
  private readonly byUrl = new Map<string, JobSnapshot[]>();
  /** Downloads whose password the desktop app sealed, by their address without it: given again with its password, it is the same download. */
  private readonly bySealedUrl = new Map<string, JobSnapshot[]>();
  private readonly unfinishedByName = new Map<string, JobSnapshot>();

  constructor(jobs: readonly JobSnapshot[]) {
    for (const j of jobs) {
      add(this.byUrl, `${j.dir}\n${j.url}`, j);
      if (hasSealedPassword(j.url)) add(this.bySealedUrl, `${j.dir}\n${withoutPassword(j.url)}`, j);
      // Only downloads still missing bytes can take a new address (not a failed extraction).
      const missingBytes = j.completedAt === null && j.status !== 'completed' && j.status !== 'cancelled';
      if (j.name !== null && missingBytes) this.unfinishedByName.set(`${j.dir}\n${j.name}`, j);
    }
  }

  /**
   * `dir` is absolute; `name` is the one the run asks for, if any. A download that moved on to
   * one of `mirrors` (its address failed) is still the same download.
   */
  async find(dir: string, url: string, name: string | undefined, mirrors: readonly string[] = []): Promise<Earlier> {
    const matches = [url, ...mirrors]
      .flatMap((u) => [...(this.byUrl.get(`${dir}\n${u}`) ?? []), ...(this.bySealedUrl.get(`${dir}\n${withoutPassword(u)}`) ?? [])])
      .filter((j) => name === undefined || j.name === name || j.name === null);
    for (const j of matches) {
      if (j.status === 'completed' && j.path !== null && (await exists(j.path))) return { kind: 'done', job: j };
    }
    const unfinished = matches.find((j) => j.status !== 'completed');
    if (unfinished) return { kind: 'unfinished', job: unfinished, newAddress: false };
    const sameFile = name === undefined ? undefined : this.unfinishedByName.get(`${dir}\n${name}`);
    if (sameFile) return { kind: 'unfinished', job: sameFile, newAddress: true };
    // New, or finished before but its file is gone since: download it (again).
    return { kind: 'none' };
  }
}

function add(map: Map<string, JobSnapshot[]>, key: string, job: JobSnapshot): void {
  const same = map.get(key);
  if (same) same.push(job);
  else map.set(key, [job]);
}

function hasSealedPassword(url: string): boolean {
  let sealed = false;
  mapUrlPassword(url, (p) => ((sealed = isSealed(p)), p));
  return sealed;
}

/** The address with an empty password: the same for it given with its password and with that password sealed. */
function withoutPassword(url: string): string {
  return mapUrlPassword(url, () => '');
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
