// Electron entry: wiring only. The engine is plain Node and knows nothing of Electron.
import { app, BrowserWindow, dialog, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ClientHub } from '../engine/client/client-hub';
import { CrashGuard } from '../engine/crash-guard';
import { Engine } from '../engine/engine';
import { createHandlers, type HostHooks } from '../engine/handlers';
import { databasePath, logPath, openDataHome } from '../engine/paths';
import { openSqliteJobStore } from '../engine/store';
import { mountHandlers } from './ipc';
import { osSecretBox } from './secret-box';
import { createMainWindow } from './window';
import { noticeFor } from './finish-notices';
import { shellLanguage, shellWords } from './shell-words';
import { createTray, setTrayWords, showNotice, type TrayActions } from './tray';
import { UtilitySpawner } from './utility-spawner';

const resources = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');

/** The Electron-ABI build of better-sqlite3 made by electron/tools/prepare-electron.mjs (dev runs). */
function sqliteBinding(): string | undefined {
  const p = join(app.getAppPath(), 'node_modules', '.cache', 'haul-electron-sqlite', `${process.versions.electron}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  return existsSync(p) ? p : undefined;
}

// An exception nothing caught: save, log it with its stack, tell the user, then quit (see crash-guard.ts).
const guard = new CrashGuard({
  logFile: logPath(),
  say: (message) => dialog.showErrorBox('Haul stopped', message),
  exit: (code) => app.exit(code),
}).install();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setName('Haul');
  let win: BrowserWindow | null = null;
  let quitting = false;

  void app.whenReady().then(() => {
    openDataHome();
    const store = openSqliteJobStore(databasePath(), { nativeBinding: sqliteBinding(), exclusive: true, secretBox: osSecretBox() });
    const engine = new Engine({
      store,
      defaultDownloadDir: app.getPath('downloads'),
      pool: { spawner: new UtilitySpawner(), workerScript: join(__dirname, 'post-worker.js') },
      logFile: logPath(),
    });
    guard.protect(() => engine.saveNow());
    const hub = new ClientHub(engine);
    // The handlers choose the path (a finished job's own file), never the renderer.
    const hooks: HostHooks = {
      openPath: async (path) => {
        const failure = await shell.openPath(path);
        if (failure) throw new Error(failure);
      },
      showInFolder: async (path) => shell.showItemInFolder(path),
      pickFolder: async ({ title, defaultPath }) => {
        const options: Electron.OpenDialogOptions = { title, defaultPath, properties: ['openDirectory', 'createDirectory'] };
        const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
    };
    const capabilities = { openFiles: true, pickFolder: true, notifications: true };
    mountHandlers(createHandlers(hub, { mode: 'desktop', capabilities, hooks }), hub);
    win = createMainWindow(join(resources, 'icon.png'));
    // The shell speaks the UI's language: the prefs' choice, or the system's.
    const language = (): ReturnType<typeof shellLanguage> => shellLanguage(engine.prefs.get().language, app.getPreferredSystemLanguages());
    engine.onSettled((job) => showNotice(noticeFor(job, engine.prefs.get().notifications, language())));
    const actions: TrayActions = { pauseAll: () => engine.pauseAll(), resumeAll: () => engine.resumeAll(), quit: () => app.quit() };
    const tray = createTray(join(resources, 'tray.png'), () => win, actions, shellWords(language()));
    engine.events.on('prefs.changed', () => setTrayWords(tray, () => win, actions, shellWords(language())));
    // Closing the window keeps downloads going in the tray, unless the user chose otherwise.
    win.on('close', (e) => {
      if (quitting) return;
      e.preventDefault();
      if (engine.prefs.get().closeToTray) win?.hide();
      else app.quit();
    });
    app.on('second-instance', () => win?.show());
    app.on('before-quit', (e) => {
      if (quitting) return;
      quitting = true;
      e.preventDefault();
      // Quit either way: what could not be saved (a full disk) is fetched again at the next start.
      void engine.close().catch(() => undefined).finally(() => app.exit(0));
    });
  });
}
