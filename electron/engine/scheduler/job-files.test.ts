import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeJob } from '../store/job-store.contract';
import { placedFileAt } from '../download/placed-file';
import { deleteJobFiles } from './job-files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'haul-job-files-'));
  await writeFile(join(dir, 'a.bin'), 'final');
  await writeFile(join(dir, 'a.bin.part'), 'part');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const job = (overrides: Parameters<typeof makeJob>[1]) => makeJob('j', { dir, name: 'a.bin', ...overrides });

describe('deleteJobFiles', () => {
  it("'part' deletes the .part only, whatever the job", async () => {
    await deleteJobFiles(job({ completedAt: 1, placedFile: await placedFileAt(join(dir, 'a.bin')) }), 'part');
    expect([existsSync(join(dir, 'a.bin')), existsSync(join(dir, 'a.bin.part'))]).toEqual([true, false]);
  });

  it("'written' deletes an unfinished download's .part, not the file under its name", async () => {
    await deleteJobFiles(job({ completedAt: null, total: 5 }), 'written');
    expect([existsSync(join(dir, 'a.bin')), existsSync(join(dir, 'a.bin.part'))]).toEqual([true, false]);
  });

  it("'written' deletes a finished file that is still the one placed, and no .part", async () => {
    await deleteJobFiles(job({ completedAt: 1, placedFile: await placedFileAt(join(dir, 'a.bin')) }), 'written');
    expect([existsSync(join(dir, 'a.bin')), existsSync(join(dir, 'a.bin.part'))]).toEqual([false, true]);
  });

  it('goes by the length for a download finished before the placed file was recorded', async () => {
    await deleteJobFiles(job({ completedAt: 1, placedFile: null, total: 4 }), 'written');
    expect(existsSync(join(dir, 'a.bin'))).toBe(true);
    await deleteJobFiles(job({ completedAt: 1, placedFile: null, total: 5 }), 'written');
    expect(existsSync(join(dir, 'a.bin'))).toBe(false);
  });
});
