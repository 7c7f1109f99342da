#!/usr/bin/env node
// Before starting Electron: build better-sqlite3 for Electron's ABI into a separate folder, so
// the copy in node_modules stays built for Node (tests, CLI) and both work side by side.
// The main process loads it through better-sqlite3's `nativeBinding` option.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, copyFileSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));

function fail(message) {
  console.error(`haul: ${message}`);
  process.exit(1);
}

try {
  require.resolve('electron/package.json');
} catch {
  fail('Electron is not installed. Run `npm install` first.');
}
let electronPath;
try {
  // Throws when the package is there but its binary was never downloaded.
  electronPath = require('electron');
} catch {
  electronPath = null;
}
if (typeof electronPath !== 'string' || !existsSync(electronPath)) {
  fail(
    'the Electron binary is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?). ' +
      'Run `npm install` with internet access to download it (or `node node_modules/electron/install.js`), ' +
      'or use the command line: `npx haul get <url>`.',
  );
}

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const target = join(root, 'node_modules', '.cache', 'haul-electron-sqlite', `${electronVersion}-${process.platform}-${process.arch}`);
const binding = join(target, 'better_sqlite3.node');
if (existsSync(binding)) process.exit(0);

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = join(os.tmpdir(), `haul-sqlite-${process.pid}`);
rmSync(work, { recursive: true, force: true });
cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${join(source, 'build')}`) });
const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: 'https://electronjs.org/headers' };
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
console.log(`haul: building better-sqlite3 for Electron ${electronVersion}…`);
try {
  execFileSync(bin('prebuild-install'), ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`], { cwd: work, env, stdio: 'inherit' });
} catch {
  const gyp = existsSync(bin('node-gyp')) ? [bin('node-gyp')] : ['npx', 'node-gyp'];
  execFileSync(gyp[0], [...gyp.slice(1), 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], {
    cwd: work,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
}
mkdirSync(target, { recursive: true });
copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binding);
rmSync(work, { recursive: true, force: true });
console.log(`haul: Electron build of better-sqlite3 ready at ${binding}`);
