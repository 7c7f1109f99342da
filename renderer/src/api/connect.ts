// The renderer talks only to the HaulApi interface. In the desktop app the preload script gives
// it as window.haul (Electron IPC); in a browser on `haul serve` it is the WebSocket client.
import type { HaulApi } from '../../../shared/api/contract';
import { createWsApi, sameOriginUrl } from './ws-client';

declare global {
  interface Window {
    haul?: HaulApi;
  }
}

export function connectApi(): HaulApi | null {
  if (window.haul) return window.haul;
  // Served by `haul serve`: its API is on the page's own origin (the token rides in the page's cookie).
  if (location.protocol === 'http:' || location.protocol === 'https:') return createWsApi({ url: sameOriginUrl(location) });
  return null;
}
