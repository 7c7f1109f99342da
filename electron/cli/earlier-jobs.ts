// What an earlier `haul get` on the same database left of a download this run asks for: a
// finished file, or an unfinished download to continue (also from a new address, when the
// run names the same file with -o or out=: an expired link given anew).
import { stat } from 'node:fs/promises';
import type { JobSnapshot } from '../../shared/models/job';

export type Earlier =
  | { kind: 'done'; job: JobSnapshot }
  | { kind: 'unfinished'; job: JobSnapshot; newAddress: boolean }
  | { kind: 'none' };

export class EarlierJobs {
  // Keyed maps: a list of 10,000 must not scan 10,000 jobs per line.
  private readonly byUrl = new Map<string, JobSnapshot[]>();
  private readonly unfinishedByName = new Map<string, JobSnapshot>();

  constructor(jobs: readonly JobSnapshot[]) {
    for (const j of jobs) {
      const key = `${j.dir}\n${j.url}`;
      const same = this.byUrl.get(key);
      if (same) same.push(j);
      else this.byUrl.set(key, [j]);
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
      .flatMap((u) => this.byUrl.get(`${dir}\n${u}`) ?? [])
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

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
