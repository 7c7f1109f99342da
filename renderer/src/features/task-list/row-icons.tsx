// The icons rows show (file types and statuses). In the browser each is a CSS background image,
// one class per icon and colour (row-icons.generated.css, made by renderer/tools/row-icon-css.ts):
// a row that scrolls into view with another icon changes a class, with no SVG to build and no
// paint properties to set up, which an inline or referenced SVG costs in every frame of a fast
// scroll. The server's first screen references symbols instead: an image's first drawing costs
// a few ms, and the first paint should not wait for a dozen of them (the live rows pay it once).
import type { LucideIcon } from 'lucide-react';
import { memo } from 'react';
import { ROW_ICONS, type RowIconColor, type RowIconName } from './row-icon-set';
import './row-icons.generated.css';

export type { RowIconColor, RowIconName };

const onServer = typeof window === 'undefined';
const symbolId = (name: RowIconName): string => `row-icon-${name}`;

/** The image's class: the icon in the colour asked (the stylesheet holds each theme's). */
const rowIconClass = (name: RowIconName, color: RowIconColor): string => `ri-${name}-${color}`;

export function RowIcon({ name, color, className }: { name: RowIconName; color: RowIconColor; className: string }) {
  if (onServer) {
    // Stroke colour and width from the CSS of the row (currentColor) and of the icon.
    return (
      <svg className={`row-icon-drawn ${className}`} aria-hidden focusable="false">
        <use href={`#${symbolId(name)}`} />
      </svg>
    );
  }
  return <span className={`row-icon ${className} ${rowIconClass(name, color)}`} aria-hidden />;
}

/** The symbols the server's first screen references, once per page; nothing in the browser. */
export const RowIconSymbols = memo(function RowIconSymbols() {
  if (!onServer) return null;
  return (
    <svg className="row-icon-sprite" aria-hidden focusable="false">
      {(Object.entries(ROW_ICONS) as [RowIconName, { icon: LucideIcon }][]).map(([name, { icon: Icon }]) => (
        <symbol key={name} id={symbolId(name)} viewBox="0 0 24 24">
          {/* inherit: the width the icon asks for in CSS (the file's and the status's differ). */}
          <Icon strokeWidth="inherit" />
        </symbol>
      ))}
    </svg>
  );
});
