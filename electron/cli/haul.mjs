#!/usr/bin/env node
// Launcher. Runs the bundle in out/cli/ (built on `npm install`) when it is newer than every
// source file it was built from; otherwise runs the TypeScript sources through tsx, so an edited
// checkout never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';

import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = join(root, 'out', 'cli', 'haul.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (process.env.HAUL_FROM_SOURCE || !existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  return ['electron/cli', 'electron/engine', 'electron/server', 'electron/workers', 'shared'].every((d) => !existsSync(join(root, d)) || newestSource(join(root, d)) <= built);
}

if (bundleIsFresh()) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
