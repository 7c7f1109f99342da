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
  if (location.protocol === 'http:' || location.protocol === 'https:') return createWsApi({ url: sameOriginUrl(location), onAttemptFailed: reloadIfRefused });
  return null;
}

/**
 * A browser does not say why a WebSocket did not open. If the page itself is refused now (the
 * server restarted with another token), reloading shows the page that says how to get in.
 */
function reloadIfRefused(): void {
  void fetch(location.pathname, { method: 'HEAD', cache: 'no-store' }).then(
    (r) => {
      if (r.status === 401 || r.status === 403) location.reload();
    },
    () => undefined, // the server is down: keep trying
  );
}
