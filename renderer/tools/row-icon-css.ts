// Draws the rows' icons (row-icon-set.ts) into CSS: for each icon and colour, a class whose
// background is the icon as an SVG data URL in the light theme's colour, the dark theme's, and a
// selected row's. Colours come from tokens.css, so a theme change there reaches the icons when
// this runs again: row-icon-css.test.ts fails until the committed file matches, and
// `npx vitest run renderer/tools -u` rewrites it.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ROW_ICONS, type RowIconColor, type RowIconName } from '../src/features/task-list/row-icon-set';

type Theme = Record<string, string>;

/** `--name: value;` declarations of the first rule whose selector is `selector`. */
function declarations(css: string, selector: string): Theme {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`tokens.css has no "${selector} {" rule`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const tokenOf = (color: RowIconColor): string => (color === 'muted' ? 'text-muted' : `status-${color}`);

function colorIn(theme: Theme, token: string): string {
  const value = theme[token];
  if (!value || !/^#[0-9a-f]{3,8}$/i.test(value)) throw new Error(`tokens.css: --${token} should be a #hex colour, not ${value ?? 'missing'}`);
  return value;
}

function dataUrl(name: RowIconName, color: string): string {
  const { icon, stroke } = ROW_ICONS[name];
  const svg = renderToStaticMarkup(createElement(icon, { color, strokeWidth: stroke }))
    // The root's attributes for a page's inline icon, not for an image (the element sets the size).
    .replace(/^<svg [^>]*>/, (root) => root.replace(/ (class|aria-hidden|width|height)="[^"]*"/g, ''))
    .replace(/><\/(path|circle|rect|line|polyline|ellipse|polygon)>/g, '/>');
  // Quoted in url("…"): only the characters a URL reads otherwise need escaping.
  const escaped = svg.replace(/"/g, "'").replace(/[%#]/g, (c) => encodeURIComponent(c));
  return `url("data:image/svg+xml,${escaped}")`;
}

export function rowIconCss(tokensCss: string): string {
  const light = declarations(tokensCss, ':root');
  const dark = { ...light, ...declarations(tokensCss, ":root[data-theme='dark']") };
  const out = ['/* Made by renderer/tools/row-icon-css.ts from lucide-react and tokens.css: do not edit. */'];
  const rule = (selector: string, name: RowIconName, color: string): void => {
    out.push(`${selector} { background-image: ${dataUrl(name, color)}; }`);
  };
  for (const name of Object.keys(ROW_ICONS) as RowIconName[]) {
    for (const color of ROW_ICONS[name].colors) {
      const cls = `.ri-${name}-${color}`;
      rule(cls, name, colorIn(light, tokenOf(color)));
      rule(`:root[data-theme='dark'] ${cls}`, name, colorIn(dark, tokenOf(color)));
      // A selected row's file icon takes the accent, as its text does.
      if (color === 'muted') {
        rule(`.job-row.is-selected ${cls}`, name, colorIn(light, 'accent-text'));
        rule(`:root[data-theme='dark'] .job-row.is-selected ${cls}`, name, colorIn(dark, 'accent-text'));
      }
    }
  }
  out.push(...forcedColours());
  return `${out.join('\n')}\n`;
}

/**
 * Windows' high contrast (forced colours) keeps background images in their theme colours: there
 * the icons are drawn through their shape as a mask, in the system's text colour like the words
 * beside them (a selected row's, on its highlight). The colour rules above are more specific,
 * hence the !important.
 */
function forcedColours(): string[] {
  const out = [
    '@media (forced-colors: active) {',
    '  .row-icon { forced-color-adjust: none; background-image: none !important; background-color: CanvasText; mask-size: 100% 100%; mask-repeat: no-repeat; }',
    '  .job-row.is-selected .row-icon { background-color: HighlightText; }',
  ];
  for (const name of Object.keys(ROW_ICONS) as RowIconName[]) {
    const selectors = ROW_ICONS[name].colors.map((color) => `.ri-${name}-${color}`).join(', ');
    out.push(`  ${selectors} { mask-image: ${dataUrl(name, '#000')}; }`);
  }
  out.push('}');
  return out;
}
