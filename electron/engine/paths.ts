// Where Haul keeps its data and puts downloads, matching what Electron's app.getPath() would
// pick for an app named "Haul", so the CLI and the desktop app share one database.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { makePrivateFolder } from './private-files';

export const APP_NAME = 'Haul';

export function dataHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.HAUL_HOME) return resolve(env.HAUL_HOME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/**
 * The data folder, created if missing and private to its owner; one made by an older version
 * (0755) is tightened. Called at start by whatever writes there (the app, haul get, haul remove).
 */
export function openDataHome(env: NodeJS.ProcessEnv = process.env): string {
  const dir = dataHome(env);
  makePrivateFolder(dir);
  return dir;
}

export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataHome(env), 'haul.db');
}

export function logPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataHome(env), 'haul.log');
}

export function defaultDownloadDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_DOWNLOAD_DIR) return resolve(env.XDG_DOWNLOAD_DIR);
  return join(homedir(), 'Downloads');
}
