// Reads the first screen's data `haul serve` wrote into the page (shared/api/boot-data.ts). None
// (the desktop app, an older server) or unreadable: the page asks over the connection instead.
import { BOOT_ELEMENT_ID, type BootData } from '../../../shared/api/boot-data';
import { PrefsSchema } from '../../../shared/models/prefs';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function readBootData(): BootData | null {
  const el = document.getElementById(BOOT_ELEMENT_ID);
  const text = el?.textContent;
  el?.remove(); // read once: it is a snapshot, stale after the first event
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  // As the WebSocket's answers are checked: the frame's shape, and the prefs the first render reads.
  if (!isObject(data) || !isObject(data.info) || !isObject(data.settings) || !isObject(data.firstPage)) return null;
  if (!Array.isArray(data.firstPage.rows) || typeof data.firstPage.seq !== 'number' || !isObject(data.firstPage.counts)) return null;
  if (!PrefsSchema.safeParse(data.prefs).success) return null;
  return data as unknown as BootData;
}
