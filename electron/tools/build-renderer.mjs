#!/usr/bin/env node
// Builds the renderer (the React UI) into out/renderer/ with vite alone, as electron-vite does for
// the desktop app, so `haul serve` has its web interface after `npm install` without an Electron
// build. Offline and under a second or two. Run by build-cli.mjs (prepare) and `npm run build:ui`.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function buildRenderer() {
  let vite;
  let react;
  try {
    vite = await import('vite');
    react = (await import('@vitejs/plugin-react')).default;
  } catch {
    // An install without dev dependencies: the CLI still works, `haul serve` says how to build the UI.
    process.stderr.write('haul: vite is not installed; the web interface (haul serve) was not built.\n');
    return;
  }
  await vite.build({
    configFile: false,
    root: join(root, 'renderer'),
    // Relative asset paths, as electron-vite builds them for the desktop app's file:// page.
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: join(root, 'out', 'renderer'), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildRenderer();
