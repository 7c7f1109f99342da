// The icons rows show (file types and statuses) as CSS background images, one class per icon and
// colour (row-icons.generated.css, made by renderer/tools/row-icon-css.ts). A row that scrolls
// into view with another icon changes one class: no SVG to build, style or paint property to
// set up, which an inline or referenced SVG costs in every frame of a fast scroll.
import type { RowIconColor, RowIconName } from './row-icon-set';
import './row-icons.generated.css';

export type { RowIconColor, RowIconName };

/** The image's class: the icon in the colour asked (the stylesheet holds each theme's). */
export const rowIconClass = (name: RowIconName, color: RowIconColor): string => `ri-${name}-${color}`;

export function RowIcon({ name, color, className }: { name: RowIconName; color: RowIconColor; className: string }) {
  return <span className={`row-icon ${className} ${rowIconClass(name, color)}`} aria-hidden />;
}
