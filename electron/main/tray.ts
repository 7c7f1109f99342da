import { Menu, Notification, Tray, nativeImage, type BrowserWindow } from 'electron';
import type { JobSnapshot } from '../../shared/models/job';

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

/** One notification per job that finished or failed since the last update. */
export function notifyFinished(previous: Map<string, string>, jobs: JobSnapshot[]): void {
  for (const job of jobs) {
    const before = previous.get(job.id);
    previous.set(job.id, job.status);
    if (before === undefined || before === job.status || !Notification.isSupported()) continue;
    if (job.status === 'completed') {
      new Notification({ title: 'Download complete', body: job.name ?? job.url }).show();
    } else if (job.status === 'failed') {
      new Notification({ title: 'Download failed', body: `${job.name ?? job.url}: ${job.error?.message ?? ''}` }).show();
    }
  }
}
