// How the UI looks and behaves, kept apart from the engine's settings: changing the theme never
// reconfigures the HTTP client. Stored with the job list, so the desktop app and a browser on
// `haul serve` share them.
import * as z from 'zod/mini';
import { SORT_KEYS } from './job-row';

/** The task list's columns, in the order they may be shown. */
export const COLUMN_IDS = ['name', 'size', 'progress', 'speed', 'eta', 'connections', 'status', 'added', 'completed', 'folder'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

const column = z.object({
  id: z.enum(COLUMN_IDS),
  /** px; absent: the column's default */
  width: z.optional(z.number().check(z.int(), z.minimum(24), z.maximum(2000))),
  hidden: z.optional(z.boolean()),
});

const shape = {
  theme: z.enum(['system', 'light', 'dark']),
  /** 'system' follows the browser's or the operating system's language. */
  language: z.enum(['system', 'en', 'zh-CN']),
  density: z.enum(['comfortable', 'compact']),
  /** Shown and hidden columns in their order, with their widths. */
  columns: z.array(column).check(z.maxLength(COLUMN_IDS.length)),
  sort: z.object({ key: z.enum(SORT_KEYS), dir: z.enum(['asc', 'desc']) }),
  notifications: z.object({ completed: z.boolean(), failed: z.boolean() }),
  /** Desktop: closing the window keeps Haul running in the tray. */
  closeToTray: z.boolean(),
  /** Height of the details panel, px. */
  detailsHeight: z.number().check(z.int(), z.minimum(120), z.maximum(2000)),
};

export const PrefsSchema = z.object(shape);
export type Prefs = z.infer<typeof PrefsSchema>;
export const PrefsPatchSchema = z.partial(z.strictObject(shape));
export type PrefsPatch = z.infer<typeof PrefsPatchSchema>;

export const DEFAULT_PREFS: Prefs = {
  theme: 'system',
  language: 'system',
  density: 'comfortable',
  columns: [{ id: 'name' }, { id: 'size' }, { id: 'progress' }, { id: 'speed' }, { id: 'eta' }, { id: 'status' }],
  sort: { key: 'queue', dir: 'asc' },
  notifications: { completed: true, failed: true },
  closeToTray: true,
  detailsHeight: 260,
};
