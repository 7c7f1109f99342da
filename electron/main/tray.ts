import { Menu, Notification, Tray, nativeImage, type BrowserWindow } from 'electron';
import type { FinishNotice } from './finish-notices';

export function createTray(iconPath: string, win: () => BrowserWindow | null, actions: { pauseAll(): void; resumeAll(): void; quit(): void }): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip('Haul');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show Haul', click: () => win()?.show() },
      { label: 'Pause all', click: actions.pauseAll },
      { label: 'Resume all', click: actions.resumeAll },
      { type: 'separator' },
      { label: 'Quit', click: actions.quit },
    ]),
  );
  tray.on('click', () => win()?.show());
  return tray;
}

/** Shows a download's notice (see finish-notices.ts), where the system has notifications. */
export function showNotice(notice: FinishNotice | null): void {
  if (notice && Notification.isSupported()) new Notification(notice).show();
}
