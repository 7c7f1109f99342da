// The one API contract: channel -> input schema (validated at every receiving boundary) and
// output type. Electron IPC, the WebSocket server and the CLI all mount the same handlers.
import { z } from 'zod';
import type { GlobalStats, JobSnapshot } from '../models/job';
import type { Settings } from '../models/settings';
import { SettingsPatchSchema } from '../models/settings';
import type { Result } from './result';

const JobId = z.string().min(1).max(64);
const Ids = z.object({ ids: z.array(JobId).min(1).max(100_000) });
const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name');

export const AddJobSchema = z.object({
  url: z.string().min(1).max(8192),
  dir: z.string().min(1).max(4096).optional(),
  name: z.string().min(1).max(1024).optional(),
  connections: z.number().int().min(1).max(64).optional(),
  speedLimit: z.number().int().min(1).nullable().optional(),
  headers: z.record(HeaderName, z.string().max(16_384)).optional(),
  /** Start paused instead of queued. */
  paused: z.boolean().optional(),
  /** Expected checksum: `sha256=<hex>`, `sha256:<hex>` or a bare hex whose length implies the algorithm. */
  checksum: z.string().min(1).max(300).optional(),
  /** URL of a `.sha256`-style file that holds the expected checksum. */
  checksumUrl: z.string().min(1).max(8192).optional(),
  /** Other addresses of the same file, tried in order when the current one fails. */
  mirrors: z.array(z.string().min(1).max(8192)).max(32).optional(),
  /** Extract the archive after download (default: the extractArchives setting). */
  extract: z.boolean().optional(),
  /** Delete the archive after a successful extraction (default: the deleteArchiveAfterExtract setting). */
  deleteArchive: z.boolean().optional(),
});
export type AddJobInput = z.infer<typeof AddJobSchema>;

export const commandSchemas = {
  'jobs.add': z.object({ items: z.array(AddJobSchema).min(1).max(100_000) }),
  'jobs.list': z.object({}).strict(),
  'jobs.pause': Ids,
  'jobs.resume': Ids,
  'jobs.cancel': Ids,
  'jobs.remove': Ids.extend({ deleteFiles: z.boolean().default(false) }),
  'jobs.retry': Ids,
  /** Per-job settings, applied live to running jobs. */
  'jobs.update': Ids.extend({
    speedLimit: z.number().int().min(1).nullable().optional(),
    connections: z.number().int().min(1).max(64).optional(),
  }),
  /** A new address for one download (an expired link, a mirror); kept bytes are checked against it. */
  'jobs.setUrl': z.object({
    id: JobId,
    url: z.string().min(1).max(8192),
    headers: z.record(HeaderName, z.string().max(16_384)).optional(),
  }),
  'jobs.reorder': z.object({ id: JobId, to: z.union([z.enum(['up', 'down', 'top', 'bottom']), z.number().int().min(0)]) }),
  'jobs.pauseAll': z.object({}).strict(),
  'jobs.resumeAll': z.object({}).strict(),
  'settings.get': z.object({}).strict(),
  'settings.set': SettingsPatchSchema,
} as const;

export type Channel = keyof typeof commandSchemas;
export type CommandInput<C extends Channel> = z.input<(typeof commandSchemas)[C]>;
export type ParsedInput<C extends Channel> = z.output<(typeof commandSchemas)[C]>;

export interface AddJobsOutput {
  added: JobSnapshot[];
  rejected: { index: number; input: string; error: { code: string; message: string } }[];
}

/**
 * What a command on many jobs did: the ids it changed (one that needs no change, such as pausing
 * a paused job, is not listed), and the ids that name no download, for which nothing was done.
 */
export interface BatchOutput {
  changed: string[];
  unknown: string[];
}

export interface CommandOutputs {
  'jobs.add': AddJobsOutput;
  'jobs.list': JobSnapshot[];
  'jobs.pause': BatchOutput;
  'jobs.resume': BatchOutput;
  'jobs.cancel': BatchOutput;
  'jobs.remove': BatchOutput;
  'jobs.retry': BatchOutput;
  'jobs.update': BatchOutput;
  'jobs.setUrl': { changed: string[] };
  'jobs.reorder': { order: string[] };
  'jobs.pauseAll': { changed: string[] };
  'jobs.resumeAll': { changed: string[] };
  'settings.get': Settings;
  'settings.set': Settings;
}

/** Events leave the engine from one throttled tick (at most ~10/s), carrying only what changed. */
export interface EventMap {
  'jobs.updated': { jobs: JobSnapshot[]; removed: string[] };
  stats: GlobalStats;
  'settings.changed': Settings;
}
export type EventName = keyof EventMap;

/** What the renderer (and any client) sees, whichever transport is behind it. */
export interface HaulApi {
  invoke<C extends Channel>(channel: C, input: CommandInput<C>): Promise<Result<CommandOutputs[C]>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

/** Handler table: built once by createHandlers(engine) and mounted by every transport. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<CommandOutputs[C]>;
};

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(commandSchemas, name);
}
