// The icons rows show (file types and statuses) drawn once, as symbols, and used by reference:
// a row that scrolls into view with another icon changes one attribute instead of building an
// SVG of several paths. Stroke colour and width come from the using element's CSS.
import { Ban, CircleAlert, CircleCheck, Clock, Disc3, Download, File, FileArchive, FileAudio, FileCode, FileImage, FileSpreadsheet, FileText, FileVideo, Hourglass, Loader, Package, PackageOpen, Pause, RotateCw, ShieldCheck, type LucideIcon } from 'lucide-react';
import { memo } from 'react';

const ICONS = {
  file: File,
  'file-archive': FileArchive,
  disc: Disc3,
  package: Package,
  'file-video': FileVideo,
  'file-audio': FileAudio,
  'file-image': FileImage,
  'file-text': FileText,
  'file-spreadsheet': FileSpreadsheet,
  'file-code': FileCode,
  downloading: Download,
  connecting: Hourglass,
  queued: Clock,
  paused: Pause,
  stopping: Loader,
  retrying: RotateCw,
  verifying: ShieldCheck,
  extracting: PackageOpen,
  completed: CircleCheck,
  failed: CircleAlert,
  cancelled: Ban,
} satisfies Record<string, LucideIcon>;

export type RowIconName = keyof typeof ICONS;

const symbolId = (name: RowIconName): string => `row-icon-${name}`;

/** The symbols, once per page (the task list renders it). */
export const RowIconSprite = memo(function RowIconSprite() {
  return (
    <svg className="row-icon-sprite" aria-hidden focusable="false">
      {(Object.entries(ICONS) as [RowIconName, LucideIcon][]).map(([name, Icon]) => (
        <symbol key={name} id={symbolId(name)} viewBox="0 0 24 24">
          {/* inherit: the width the row's icon asks for in CSS (the file's and the status's differ). */}
          <Icon strokeWidth="inherit" />
        </symbol>
      ))}
    </svg>
  );
});

export function RowIcon({ name, size, className }: { name: RowIconName; size: number; className: string }) {
  return (
    <svg className={className} width={size} height={size} aria-hidden focusable="false">
      <use href={`#${symbolId(name)}`} />
    </svg>
  );
}
