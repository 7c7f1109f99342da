// The one API contract: channel -> input schema (validated at every receiving boundary) and
// output type. Electron IPC, the WebSocket server and the CLI all mount the same handlers.
import { z } from 'zod';
import type { AppInfo } from '../models/app-info';
import type { GlobalStats } from '../models/job';
import { SORT_KEYS, STATUS_FILTERS, type JobDetail, type JobRow, type JobRowPatch, type ProbeResult, type StatusCounts } from '../models/job-row';
import { PrefsPatchSchema, type Prefs } from '../models/prefs';
import type { Settings } from '../models/settings';
import { SettingsPatchSchema } from '../models/settings';
import type { Result } from './result';

const JobId = z.string().min(1).max(64);
const Ids = z.object({ ids: z.array(JobId).min(1).max(100_000) });
const HeaderName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name');
// A header value never carries a line break: it would start a header (or a request) of its own.
const HeaderValue = z.string().max(16_384).regex(/^[^\r\n\0]*$/, 'a header value cannot hold a line break');
const Headers = z.record(HeaderName, HeaderValue).refine((h) => Object.keys(h).length <= 64, 'at most 64 headers');

export const AddJobSchema = z.object({
  url: z.string().min(1).max(8192),
  dir: z.string().min(1).max(4096).optional(),
  name: z.string().min(1).max(1024).optional(),
  connections: z.number().int().min(1).max(64).optional(),
  speedLimit: z.number().int().min(1).nullable().optional(),
  headers: Headers.optional(),
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

const Filter = z.enum(STATUS_FILTERS);
const Sort = z.object({ key: z.enum(SORT_KEYS), dir: z.enum(['asc', 'desc']) });
const ReorderTo = z.union([z.enum(['up', 'down', 'top', 'bottom']), z.number().int().min(0)]);
const Folder = z.string().min(1).max(4096);
const FileName = z.string().min(1).max(1024);
const Checksum = z.string().min(1).max(300);
const IdList = z.array(JobId).min(1).max(100_000);

export const commandSchemas = {
  /** Who is serving: the version, and what this transport can do (open files, pick folders…). */
  'app.info': z.object({}).strict(),
  /** Each item is checked on its own (AddJobSchema): one bad line is rejected by its index, the rest are added. */
  'jobs.add': z.object({ items: z.array(z.custom<AddJobInput>(() => true)).min(1).max(100_000) }),
  /**
   * Asks the server about one address (HEAD, or the first byte by GET): name, size, resumable. No job
   * is created. The engine checks a few at a time; a client asks only about what it shows.
   */
  'jobs.probe': z.object({ url: AddJobSchema.shape.url, headers: Headers.optional() }).strict(),
  /**
   * Compact rows (no segments, no options), filtered, searched (name or address) and sorted, with
   * counts per filter and the sequence number of the last `jobs.changed` event they include.
   */
  'jobs.list': z
    .object({
      filter: Filter.default('all'),
      search: z.string().max(1024).default(''),
      sort: Sort.default({ key: 'queue', dir: 'asc' }),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200_000).default(200_000),
    })
    .strict(),
  /** One job in full: segments, options (secrets hidden), history. */
  'jobs.get': z.object({ id: JobId }).strict(),
  /** This client's detailed jobs: `jobs.detail` events come for these only (replaces the last set). */
  'jobs.watch': z.object({ ids: z.array(JobId).max(100) }).strict(),
  'jobs.pause': Ids,
  'jobs.resume': Ids,
  'jobs.cancel': Ids,
  'jobs.remove': Ids.extend({ deleteFiles: z.boolean().default(false) }),
  /** Every job of a filter at once: "clear completed", "remove failed". */
  'jobs.removeWhere': z.object({ filter: z.enum(['completed', 'failed']), deleteFiles: z.boolean().default(false) }).strict(),
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
    headers: Headers.optional(),
  }),
  /** Moves jobs in the queue, keeping their order among themselves. */
  'jobs.reorder': z.object({ ids: z.array(JobId).min(1).max(100_000), to: ReorderTo }),
  /**
   * Another folder and/or file name for downloads that have not finished (queued, paused, failed,
   * cancelled, or running: it stops, moves, and goes on); the bytes kept so far move with them.
   * A name taken there gets " (1)"; a name is made safe and never leaves the folder. Refused for
   * a finished download. `name` is for one download only. A browser must give a full path.
   */
  'jobs.move': z
    .object({ ids: IdList, dir: Folder.optional(), name: FileName.optional() })
    .strict()
    .refine((i) => i.dir !== undefined || i.name !== undefined, 'give a folder, a file name or both')
    .refine((i) => i.name === undefined || i.ids.length === 1, 'a file name is for one download only'),
  /**
   * Hashes finished files again (status verifying, with stage progress), against `checksum`
   * (`sha256=<hex>`, `sha256:<hex>` or bare hex; it becomes the job's) or the job's own: completed
   * with the new checksum result, or failed with HAUL_E_CHECKSUM_MISMATCH. The file is never deleted.
   */
  'jobs.verify': z
    .object({ ids: IdList, checksum: Checksum.optional() })
    .strict()
    .refine((i) => i.checksum === undefined || i.ids.length === 1, 'a checksum is for one download only'),
  /** Extracts finished archives now (status extracting, with progress), deleting each archive after if asked (default: the job's choice). */
  'jobs.extract': z.object({ ids: IdList, deleteArchive: z.boolean().optional() }).strict(),
  /** Opens a finished download's file with its application (capabilities.openFiles only). */
  'jobs.open': z.object({ id: JobId }).strict(),
  /** Shows a finished download's file in the file manager (capabilities.openFiles only). */
  'jobs.showInFolder': z.object({ id: JobId }).strict(),
  /** The native folder picker (capabilities.pickFolder only): the folder chosen, or null when cancelled. */
  'app.pickFolder': z.object({ title: z.string().max(200).optional(), defaultPath: Folder.optional() }).strict(),
  'jobs.pauseAll': z.object({}).strict(),
  'jobs.resumeAll': z.object({}).strict(),
  'settings.get': z.object({}).strict(),
  'settings.set': SettingsPatchSchema,
  'prefs.get': z.object({}).strict(),
  'prefs.set': PrefsPatchSchema,
} as const;

export type Channel = keyof typeof commandSchemas;
export type CommandInput<C extends Channel> = z.input<(typeof commandSchemas)[C]>;
export type ParsedInput<C extends Channel> = z.output<(typeof commandSchemas)[C]>;

export interface AddJobsOutput {
  /** The new jobs' ids, in the order of the items that were accepted (their rows come as events). */
  ids: string[];
  rejected: { index: number; input: string; error: { code: string; message: string } }[];
}

/**
 * What a command on many jobs did: the ids it changed (one that needs no change, such as pausing
 * a paused job, is not listed), and the ids that name no download, for which nothing was done.
 * jobs.move, jobs.verify and jobs.extract leave out a job they refuse (finished, no checksum, its
 * file gone…); when they refuse every job named, they fail with the first refusal's reason.
 */
export interface BatchOutput {
  changed: string[];
  unknown: string[];
}

export interface JobList {
  rows: JobRow[];
  /** Rows matching the filter and search (rows holds at most `limit` of them from `offset`). */
  total: number;
  counts: StatusCounts;
  /** The last `jobs.changed` event these rows include: apply only later ones. */
  seq: number;
}

export interface CommandOutputs {
  'app.info': AppInfo;
  'jobs.add': AddJobsOutput;
  'jobs.probe': ProbeResult;
  'jobs.list': JobList;
  'jobs.get': JobDetail;
  'jobs.watch': { watching: string[] };
  'jobs.pause': BatchOutput;
  'jobs.resume': BatchOutput;
  'jobs.cancel': BatchOutput;
  'jobs.remove': BatchOutput;
  'jobs.removeWhere': BatchOutput;
  'jobs.retry': BatchOutput;
  'jobs.update': BatchOutput;
  'jobs.setUrl': { changed: string[] };
  'jobs.reorder': BatchOutput;
  'jobs.move': BatchOutput;
  'jobs.verify': BatchOutput;
  'jobs.extract': BatchOutput;
  'jobs.open': { path: string };
  'jobs.showInFolder': { path: string };
  'app.pickFolder': { path: string | null };
  'jobs.pauseAll': { changed: string[] };
  'jobs.resumeAll': { changed: string[] };
  'settings.get': Settings;
  'settings.set': Settings;
  'prefs.get': Prefs;
  'prefs.set': Prefs;
}

/**
 * Events a client receives. `jobs.changed` leaves from one throttled tick (at most ~10 a second
 * whatever the number of jobs), carrying only the fields that changed; its `seq` grows by one each
 * time, so a client that sees a gap (or reconnects) lists again. `jobs.detail` comes only for the
 * jobs this client watches (jobs.watch).
 */
export interface EventMap {
  'jobs.changed': {
    seq: number;
    /**
     * Set on events merged for a slow client (web mode): the first seq this one covers, so it
     * carries the changes of events since..seq at once (later fields win, removed ids kept).
     */
    since?: number;
    rows: JobRowPatch[];
    removed: string[];
    counts: StatusCounts;
  };
  'jobs.detail': JobDetail;
  stats: GlobalStats;
  'settings.changed': Settings;
  'prefs.changed': Prefs;
}
export type EventName = keyof EventMap;

/** What the renderer (and any client) sees, whichever transport is behind it. */
export interface HaulApi {
  invoke<C extends Channel>(channel: C, input: CommandInput<C>): Promise<Result<CommandOutputs[C]>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /**
   * Transports that can lose their connection (WebSocket) say when it is lost and when it is back:
   * the client then lists again, since events sent meanwhile are gone. IPC never loses it.
   */
  onConnection?(listener: (state: 'open' | 'lost') => void): () => void;
}

/** Who is calling: one client of a transport (the window, a browser tab, the CLI). */
export interface CallContext {
  /** Sets the jobs whose `jobs.detail` events this client receives. */
  watch(ids: string[]): void;
  /** A browser on `haul serve`: paths must be absolute (there is no "current folder" for it). */
  remote: boolean;
}

/** Handler table: built once by createHandlers(engine, host) and mounted by every transport. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>, ctx: CallContext) => Promise<CommandOutputs[C]>;
};

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(commandSchemas, name);
}
