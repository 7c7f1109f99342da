// Handlers are built once and mounted by every transport (IPC, WebSocket, CLI); `satisfies`
// makes a missing channel a compile error. `invoke` is the one validating boundary.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { AddJobSchema, commandSchemas, isChannel, type AddJobInput, type AddJobsOutput, type CallContext, type Channel, type CommandOutputs, type Handlers } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/result';
import { HaulError } from '../../shared/errors';
import type { AppInfo } from '../../shared/models/app-info';
import { HAUL_VERSION } from '../../shared/version';
import type { ClientHub } from './client/client-hub';

/**
 * What the desktop shell does for the engine, which cannot: open a file, show it in the file
 * manager, pick a folder. Given only by a host that can (Electron); web and CLI have none.
 */
export interface HostHooks {
  /** Opens the file with its application; rejects saying why it could not. */
  openPath(path: string): Promise<void>;
  showInFolder(path: string): Promise<void>;
  /** The folder chosen, or null when the user cancelled. */
  pickFolder?(opts: { title?: string; defaultPath?: string }): Promise<string | null>;
}

/** What the process serving the handlers is, and what its transport can do. */
export interface HostInfo {
  mode: AppInfo['mode'];
  capabilities: AppInfo['capabilities'];
  hooks?: HostHooks;
}

export function createHandlers(hub: ClientHub, host: HostInfo): Handlers {
  const { engine } = hub;
  return {
    'app.info': async () => ({ version: HAUL_VERSION, mode: host.mode, capabilities: host.capabilities, defaultDownloadDir: engine.defaultDownloadDir }),
    'jobs.add': async ({ items }, ctx) => {
      const { valid, at, rejected } = checkItems(items);
      const out = engine.addJobs(valid, { absoluteDirs: ctx.remote });
      for (const r of out.rejected) rejected.push({ ...r, index: at[r.index]! });
      return { ids: out.added.map((j) => j.id), rejected: rejected.sort((a, b) => a.index - b.index) };
    },
    'jobs.probe': async ({ url, headers }) => engine.probe(url, headers),
    'jobs.list': async (query) => hub.list(query),
    'jobs.get': async ({ id }) => {
      const detail = hub.detail(id);
      if (!detail) throw new HaulError('HAUL_E_NOT_FOUND', `No download with id ${id}.`);
      return detail;
    },
    'jobs.watch': async ({ ids }, ctx) => {
      ctx.watch(ids);
      return { watching: ids };
    },
    'jobs.pause': async ({ ids }) => engine.pause(ids),
    'jobs.resume': async ({ ids }) => engine.resume(ids),
    'jobs.cancel': async ({ ids }) => engine.cancel(ids),
    'jobs.remove': async ({ ids, deleteFiles }) => engine.remove(ids, deleteFiles),
    'jobs.removeWhere': async ({ filter, deleteFiles }) =>
      engine.remove(engine.idsWith(filter === 'completed' ? ['completed'] : ['failed', 'cancelled']), deleteFiles),
    'jobs.retry': async ({ ids }) => engine.retry(ids),
    'jobs.update': async ({ ids, ...options }) => engine.updateOptions(ids, options),
    'jobs.setUrl': async ({ id, url, headers }) => ({ changed: engine.changeAddress(id, url, headers) }),
    'jobs.reorder': async ({ ids, to }) => engine.reorder(ids, to),
    'jobs.move': async ({ ids, dir, name }, ctx) => {
      if (ctx.remote && dir !== undefined && !isAbsolute(dir)) throw relativeFolder(dir);
      return engine.move(ids, { dir, name });
    },
    'jobs.verify': async ({ ids, checksum }) => engine.verify(ids, checksum),
    'jobs.extract': async ({ ids, deleteArchive }) => engine.extract(ids, deleteArchive),
    'jobs.open': async ({ id }, ctx) => {
      const hooks = desktopHooks(host, ctx, 'open files');
      const path = await engine.finishedFile(id, 'open');
      await hooks.openPath(path).catch((err: unknown) => {
        throw new HaulError('HAUL_E_UNSUPPORTED', `Could not open ${path}: ${err instanceof Error ? err.message : String(err)}`);
      });
      return { path };
    },
    'jobs.showInFolder': async ({ id }, ctx) => {
      const hooks = desktopHooks(host, ctx, 'show files in their folder');
      const path = await engine.finishedFile(id, 'show');
      await hooks.showInFolder(path);
      return { path };
    },
    'app.pickFolder': async (opts, ctx) => {
      const pick = host.capabilities.pickFolder && !ctx.remote ? host.hooks?.pickFolder : undefined;
      if (!pick) throw new HaulError('HAUL_E_UNSUPPORTED', 'Picking a folder is possible in the desktop app only: type its full path instead.');
      return { path: await pick(opts) };
    },
    'jobs.pauseAll': async () => ({ changed: engine.pauseAll() }),
    'jobs.resumeAll': async () => ({ changed: engine.resumeAll() }),
    'settings.get': async () => engine.getSettings(),
    'settings.set': async (patch, ctx) => {
      if (ctx.remote && patch.downloadDir && !isAbsolute(patch.downloadDir)) throw relativeFolder(patch.downloadDir);
      return engine.setSettings(patch);
    },
    'prefs.get': async () => engine.prefs.get(),
    'prefs.set': async (patch) => engine.prefs.set(patch),
  } satisfies Handlers;
}

function relativeFolder(dir: string): HaulError {
  return new HaulError('HAUL_E_INVALID_INPUT', `The folder "${dir}" must be a full path, such as /home/me/Downloads.`);
}

/**
 * The shell's hooks, for a client of the desktop app only: never for a browser (a file on the
 * server's machine is not the browser user's to open), nor a host without them (web, CLI).
 */
function desktopHooks(host: HostInfo, ctx: CallContext, what: string): HostHooks {
  if (!host.capabilities.openFiles || !host.hooks || ctx.remote) {
    throw new HaulError('HAUL_E_UNSUPPORTED', `Haul can ${what} in the desktop app only.`);
  }
  return host.hooks;
}

/** Each add item against its schema: the good ones (with their indexes in `items`) and why each other one is not. */
function checkItems(items: unknown[]): { valid: AddJobInput[]; at: number[]; rejected: AddJobsOutput['rejected'] } {
  const out = { valid: [] as AddJobInput[], at: [] as number[], rejected: [] as AddJobsOutput['rejected'] };
  items.forEach((item, index) => {
    const parsed = AddJobSchema.safeParse(item);
    if (parsed.success) {
      out.valid.push(parsed.data);
      out.at.push(index);
      return;
    }
    const url = typeof item === 'object' && item !== null && 'url' in item ? String(item.url) : '';
    out.rejected.push({ index, input: url.slice(0, 200), error: { code: 'HAUL_E_INVALID_INPUT', message: z.prettifyError(parsed.error) } });
  });
  return out;
}

/** Validates untrusted input for `channel` and runs its handler; never throws. */
export async function invoke(handlers: Handlers, channel: string, input: unknown, ctx: CallContext): Promise<Result<CommandOutputs[Channel]>> {
  if (!isChannel(channel)) return fail(new HaulError('HAUL_E_INVALID_INPUT', `Unknown command "${String(channel).slice(0, 64)}".`));
  const parsed = commandSchemas[channel].safeParse(input);
  if (!parsed.success) {
    return fail(new HaulError('HAUL_E_INVALID_INPUT', `Invalid input for ${channel}: ${z.prettifyError(parsed.error)}`));
  }
  try {
    const handler = handlers[channel] as (i: unknown, c: CallContext) => Promise<CommandOutputs[Channel]>;
    return ok(await handler(parsed.data, ctx));
  } catch (err) {
    return fail(err);
  }
}

/** A caller in the engine's own process with no events to receive (the CLI). */
export const LOCAL_CALLER: CallContext = { watch: () => undefined, remote: false };
