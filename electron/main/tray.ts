import { Menu, Notification, Tray, nativeImage, type BrowserWindow } from 'electron';
import type { FinishNotice } from './finish-notices';
import type { ShellWords } from './shell-words';

export interface TrayActions {
  pauseAll(): void;
  resumeAll(): void;
  quit(): void;
}

export function createTray(iconPath: string, win: () => BrowserWindow | null, actions: TrayActions, words: ShellWords): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip('Haul');
  setTrayWords(tray, win, actions, words);
  tray.on('click', () => win()?.show());
  return tray;
}

/** The tray's menu in the UI's language; built again when the language changes. */
export function setTrayWords(tray: Tray, win: () => BrowserWindow | null, actions: TrayActions, words: ShellWords): void {
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: words.show, click: () => win()?.show() },
      { label: words.pauseAll, click: actions.pauseAll },
      { label: words.resumeAll, click: actions.resumeAll },
      { type: 'separator' },
      { label: words.quit, click: actions.quit },
    ]),
  );
}

/** Shows a download's notice (see finish-notices.ts), where the system has notifications. */
export function showNotice(notice: FinishNotice | null): void {
  if (notice && Notification.isSupported()) new Notification(notice).show();
}
