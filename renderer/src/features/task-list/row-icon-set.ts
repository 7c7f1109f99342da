// Which icons rows show, from which of lucide's drawings, at which stroke and in which colours.
// renderer/tools/row-icon-css.ts draws each into row-icons.generated.css; a status's icon and
// tone must be a pair listed here (status-words.test.ts checks every status).
import { Ban, CircleAlert, CircleCheck, Clock, Disc3, Download, File, FileArchive, FileAudio, FileCode, FileImage, FileSpreadsheet, FileText, FileVideo, Hourglass, Loader, Package, PackageOpen, Pause, RotateCw, ShieldCheck, type LucideIcon } from 'lucide-react';
import type { Tone } from './status-words';

/** A file-type icon's colour ("muted"; a selected row's is the accent) or a status's tone. */
export type RowIconColor = 'muted' | Tone;

interface RowIconArt {
  icon: LucideIcon;
  /** In the drawing's 24-unit square. */
  stroke: number;
  colors: readonly RowIconColor[];
}

/** File types: drawn at 16 px, thinner. */
const file = (icon: LucideIcon): RowIconArt => ({ icon, stroke: 1.75, colors: ['muted'] });
/** Statuses: drawn at 14 px in the status's colour, bolder to read as small. */
const status = (icon: LucideIcon, ...colors: Tone[]): RowIconArt => ({ icon, stroke: 2.25, colors });

export const ROW_ICONS = {
  file: file(File),
  'file-archive': file(FileArchive),
  disc: file(Disc3),
  package: file(Package),
  'file-video': file(FileVideo),
  'file-audio': file(FileAudio),
  'file-image': file(FileImage),
  'file-text': file(FileText),
  'file-spreadsheet': file(FileSpreadsheet),
  'file-code': file(FileCode),
  downloading: status(Download, 'active'),
  connecting: status(Hourglass, 'active'),
  queued: status(Clock, 'queued'),
  paused: status(Pause, 'paused'),
  stopping: status(Loader, 'queued', 'paused'),
  retrying: status(RotateCw, 'paused'),
  verifying: status(ShieldCheck, 'verify'),
  extracting: status(PackageOpen, 'verify'),
  completed: status(CircleCheck, 'done'),
  failed: status(CircleAlert, 'failed'),
  cancelled: status(Ban, 'queued'),
} satisfies Record<string, RowIconArt>;

export type RowIconName = keyof typeof ROW_ICONS;

/** Whether the stylesheet has this icon in this colour (a status's icon and tone are chosen apart). */
export const hasRowIcon = (name: RowIconName, color: RowIconColor): boolean => (ROW_ICONS[name].colors as readonly RowIconColor[]).includes(color);
