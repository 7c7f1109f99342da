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
  // What users get, whoever builds it: vite and the React plugin build for development when
  // NODE_ENV says anything else (vitest, which builds it for the tests, sets "test").
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build(vite, react);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

async function build(vite, react) {
  await vite.build({
    configFile: false,
    root: join(root, 'renderer'),
    // Relative asset paths, as electron-vite builds them for the desktop app's file:// page.
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    // One stylesheet, linked in the page's head: the server's first screen is styled before any script runs.
    build: { outDir: join(root, 'out', 'renderer'), emptyOutDir: true, chunkSizeWarningLimit: 4096, cssCodeSplit: false },
  });
  // The first screen as the server draws it (renderer/src/first-screen.tsx): one self-contained
  // module, its packages inside, loaded by `haul serve` from out/renderer-ssr/. Not served.
  await vite.build({
    configFile: false,
    root: join(root, 'renderer'),
    plugins: [react()],
    logLevel: 'warn',
    publicDir: false,
    ssr: { noExternal: true },
    // React's production build, as in the browser (a server build otherwise keeps both and picks at run time).
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      minify: true,
      ssr: join(root, 'renderer', 'src', 'first-screen.tsx'),
      outDir: join(root, 'out', 'renderer-ssr'),
      emptyOutDir: true,
      rollupOptions: { output: { entryFileNames: '[name].mjs', codeSplitting: false } },
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildRenderer();
