// The `extract` task kind through the pool: a real extraction in a real worker process.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractTaskProgress } from '../../../shared/pool-protocol';
import { haulError, testPool } from './pool-test-kit';
import type { ProcessPool } from './process-pool';

let dir: string;
let pool: ProcessPool;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'haul-extract-kind-'));
  pool = testPool({ size: 1 });
});

afterAll(async () => {
  await pool?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('extract tasks in the pool', () => {
  it('extract a .gz beside it, reporting progress, with paths as the only payload', async () => {
    const text = 'hello from inside the archive\n'.repeat(1000);
    const archive = path.join(dir, 'notes.txt.gz');
    await writeFile(archive, gzipSync(text));
    const progress: ExtractTaskProgress[] = [];
    const result = await pool.run('extract', { archive }, { onProgress: (p) => progress.push(p) });
    expect(path.dirname(result.outputDir)).toBe(dir);
    const files = await readdir(result.outputDir);
    expect(files).toHaveLength(1);
    expect(await readFile(path.join(result.outputDir, files[0]!), 'utf8')).toBe(text);
    expect(progress.at(-1)?.bytes).toBe(text.length);
    expect(await readFile(archive)).toEqual(gzipSync(text)); // the archive is untouched
  });

  it('report a missing archive as the extractor’s error, not as a crash', async () => {
    const err = await haulError(pool.run('extract', { archive: path.join(dir, 'missing.zip') }));
    expect(err.code).toBe('HAUL_E_NOT_FOUND');
  });
});
