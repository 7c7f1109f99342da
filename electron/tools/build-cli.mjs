#!/usr/bin/env node
// Bundles the CLI (and the pool's worker script) into out/cli/ so `haul` starts in a fraction of
// the time tsx needs to compile ~80 TypeScript files on every run. Runs on `npm install` (prepare).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entryPoints = { haul: join(root, 'electron/cli/main.ts') };
const worker = join(root, 'electron/workers/post-worker.ts');
if (existsSync(worker)) entryPoints['post-worker'] = worker;

await build({
  entryPoints,
  outdir: join(root, 'out/cli'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Native and large runtime packages load from node_modules as usual.
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
