// The dialog's option fields, as typed, to jobs.add options, or the first field that is wrong.
import { parseRate } from '../../../../shared/format';
import type { DialogOptions } from './build-items';

export interface OptionFields {
  dir: string;
  name: string;
  connections: string;
  speedLimit: string;
  checksum: string;
  mirrors: string;
  /** null: as the extraction setting says. */
  extract: boolean | null;
  headers: string;
  cookies: string;
  paused: boolean;
}

export const EMPTY_FIELDS: OptionFields = { dir: '', name: '', connections: '', speedLimit: '', checksum: '', mirrors: '', extract: null, headers: '', cookies: '', paused: false };

export type FieldProblem =
  | { field: 'dir'; key: 'fields.folderRelative' }
  | { field: 'speedLimit'; key: 'fields.speedInvalid' }
  | { field: 'headers'; key: 'fields.headersInvalid'; line: number };

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A full path on Linux, macOS or Windows (a browser on `haul serve` has no current folder). */
export function isFullPath(path: string): boolean {
  return path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

export function readOptions(f: OptionFields, { needFullPath }: { needFullPath: boolean }): { ok: true; options: DialogOptions } | { ok: false; problem: FieldProblem } {
  const options: DialogOptions = {};
  const dir = f.dir.trim();
  if (dir) {
    if (needFullPath && !isFullPath(dir)) return { ok: false, problem: { field: 'dir', key: 'fields.folderRelative' } };
    options.dir = dir;
  }
  if (f.name.trim()) options.name = f.name.trim();
  const connections = Number(f.connections);
  if (f.connections.trim() && Number.isInteger(connections) && connections >= 1) options.connections = Math.min(64, connections);
  if (f.speedLimit.trim()) {
    const rate = parseRate(f.speedLimit);
    if (rate === null) return { ok: false, problem: { field: 'speedLimit', key: 'fields.speedInvalid' } };
    options.speedLimit = rate;
  }
  if (f.checksum.trim()) options.checksum = f.checksum.trim();
  const mirrors = f.mirrors.split(/\r?\n/).map((m) => m.trim()).filter(Boolean);
  if (mirrors.length > 0) options.mirrors = mirrors;
  if (f.extract !== null) options.extract = f.extract;
  const headers: Record<string, string> = {};
  for (const [i, raw] of f.headers.split(/\r?\n/).entries()) {
    if (!raw.trim()) continue;
    const colon = raw.indexOf(':');
    const name = colon > 0 ? raw.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) return { ok: false, problem: { field: 'headers', key: 'fields.headersInvalid', line: i + 1 } };
    headers[name] = raw.slice(colon + 1).trim();
  }
  if (f.cookies.trim()) headers.Cookie = f.cookies.trim().replace(/^cookie:\s*/i, '');
  if (Object.keys(headers).length > 0) options.headers = headers;
  if (f.paused) options.paused = true;
  return { ok: true, options };
}
