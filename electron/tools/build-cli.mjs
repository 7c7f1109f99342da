#!/usr/bin/env node
// Bundles the CLI (and the pool's worker script) into out/cli/ so `haul` starts in a fraction of
// the time tsx needs to compile ~80 TypeScript files on every run. Runs on `npm install` (prepare),
// and builds the web interface `haul serve` serves as well (build-renderer.mjs).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildRenderer } from './build-renderer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entryPoints = { haul: join(root, 'electron/cli/main.ts') };
const worker = join(root, 'electron/workers/post-worker.ts');
if (existsSync(worker)) entryPoints['post-worker'] = worker;

// The engine imports only undici's Agent and ProxyAgent; the CLI bundle takes them alone (see undici-agent.mjs).
const undiciAgentOnly = {
  name: 'undici-agent-only',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, () => ({ path: join(root, 'electron/tools/undici-agent.mjs') }));
  },
};

await build({
  entryPoints,
  outdir: join(root, 'out/cli'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Pure-JS packages are bundled too: resolving and loading undici's ~100 modules one by one was
  // a third of the start-up time. Native addons and packages that load files of their own stay out.
  external: ['better-sqlite3', 'xz-decompress', 'tsx', 'electron'],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: { js: "import { createRequire as __haulRequire } from 'node:module'; const require = __haulRequire(import.meta.url);" },
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [undiciAgentOnly],
  logLevel: 'warning',
});

await buildRenderer();
