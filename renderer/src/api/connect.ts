// The renderer talks only to the HaulApi interface. In the desktop app the preload script gives
// it as window.haul (Electron IPC); in a browser on `haul serve` it is the WebSocket client.
import type { HaulApi } from '../../../shared/api/contract';

declare global {
  interface Window {
    haul?: HaulApi;
  }
}

export function connectApi(): HaulApi | null {
  return window.haul ?? null;
}
