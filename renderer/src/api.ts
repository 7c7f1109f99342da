// The renderer talks only to the HaulApi interface; on the desktop it is window.haul.
import type { HaulApi } from '../../shared/api/contract';

declare global {
  interface Window {
    haul?: HaulApi;
  }
}

export function getApi(): HaulApi | null {
  return window.haul ?? null;
}
