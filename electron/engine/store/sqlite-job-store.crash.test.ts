// Crash durability: a real child process writes progress and is SIGKILLed at random points in its
// loop; every reopen must show the last committed tick for every job, whole.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { segmentsAt, tickNote, tickOf, WRITER_JOBS, writerJobIds } from './fixtures/progress-pattern';
import { openSqliteJobStore } from './sqlite-job-store';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const writer = path.join(here, 'fixtures/progress-writer.ts');

interface KilledRun {
  lastPrinted: number;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the writer until it has printed `killAfter` new ticks, then SIGKILLs it. */
const live = new Set<ChildProcess>();

function runAndKill(file: string, killAfter: number, deadlineMs = 15_000): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    let out = '';
    let stderr = '';
    let first: number | undefined;
    const ticks = (): number[] => out.split('\n').slice(0, -1).map(Number); // complete lines only
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const seen = ticks();
      first ??= seen[0];
      const last = seen.at(-1);
      if (first !== undefined && last !== undefined && last - first + 1 >= killAfter) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      live.delete(child);
      clearTimeout(timer);
      const seen = ticks();
      if (seen.length < killAfter) {
        reject(new Error(`writer printed ${seen.length} ticks before ending (${signal}): ${stderr}`));
        return;
      }
      resolve({ lastPrinted: seen.at(-1)!, signal, stderr });
    });
  });
}

describe('SqliteJobStore crash durability', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'haul-store-crash-'));
  afterAll(() => {
    // Never leave a writer looping if the test itself timed out.
    for (const child of live) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the last committed progress of every job intact across SIGKILLs', async () => {
    const file = path.join(dir, 'jobs.db');
    let previous = 0;
    // Different kill points land in different phases of the loop (mid-transaction, mid-fsync, idle).
    for (const killAfter of [25, 61, 137]) {
      const run = await runAndKill(file, killAfter);
      expect(run.signal).toBe('SIGKILL');

      const raw = new Database(file);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      raw.close();

      const store = openSqliteJobStore(file);
      const jobs = store.listJobs();
      expect(jobs.map((j) => j.id)).toEqual(writerJobIds());
      const tick = tickOf(jobs[0]!.note);
      // A printed tick had committed; the kill may also have landed between a commit and its print.
      expect(tick).toBeGreaterThanOrEqual(run.lastPrinted);
      expect(tick).toBeLessThanOrEqual(run.lastPrinted + 1);
      expect(tick).toBeGreaterThan(previous);
      for (const job of jobs) {
        // One transaction covers all jobs: none may be a tick ahead of or behind the others.
        expect(job.note).toEqual(tickNote(tick));
        expect(job.updatedAt).toBe(tick);
        expect(store.loadSegments(job.id)).toEqual(segmentsAt(tick));
      }
      expect(jobs).toHaveLength(WRITER_JOBS);
      store.close();
      previous = tick;
    }
  }, 60_000);
});
