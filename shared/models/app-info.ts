// What the transport a client talks through can do, so the renderer shows what is possible and
// never checks where it runs.

export interface Capabilities {
  /** Open a finished file, and show it in its folder (the desktop app). */
  openFiles: boolean;
  /** A native folder picker (the desktop app); a browser types the path. */
  pickFolder: boolean;
  /** The app posts notifications itself (the desktop app's tray); a browser may use its own. */
  notifications: boolean;
}

export interface AppInfo {
  version: string;
  /** 'desktop': the Electron app; 'web': a browser on `haul serve`; 'cli': the haul command. */
  mode: 'desktop' | 'web' | 'cli';
  capabilities: Capabilities;
  /** The platform's Downloads folder: what an empty downloadDir setting means. */
  defaultDownloadDir: string;
}
