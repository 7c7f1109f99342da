// The scratch folders every extraction test starts from: a fresh temporary folder holding a `dl/`
// download folder, removed after each test.
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export function useExtractDirs(prefix: string, prepare?: (tmp: string) => void): { tmp: string; dl: string } {
  const dirs = { tmp: '', dl: '' };
  beforeEach(async () => {
    dirs.tmp = await mkdtemp(join(tmpdir(), prefix));
    dirs.dl = join(dirs.tmp, 'dl');
    mkdirSync(dirs.dl);
    prepare?.(dirs.tmp);
  });
  afterEach(async () => {
    await rm(dirs.tmp, { recursive: true, force: true });
  });
  return dirs;
}
