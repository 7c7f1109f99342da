// The rows' icon stylesheet is drawn from lucide's icons and the theme's colours: it must match
// what the tool draws now (after a lucide update or a colour change, run this with -u), and each
// image must be a well-formed SVG in the colour its class names.
import { describe, expect, it } from 'vitest';
import { ROW_ICONS, type RowIconName } from '../src/features/task-list/row-icon-set';
import css from '../src/features/task-list/row-icons.generated.css?raw';
import tokens from '../src/styles/tokens.css?raw';
import { rowIconCss } from './row-icon-css';

describe('the rows’ icon stylesheet', () => {
  it('is what the tool draws from today’s icons and colours', async () => {
    await expect(rowIconCss(tokens)).toMatchFileSnapshot('../src/features/task-list/row-icons.generated.css');
  });

  it('has every icon in every colour it is listed in, for both themes and selected rows', () => {
    const images = new Map<string, string>();
    for (const m of css.matchAll(/^(.+?) \{ background-image: url\("data:image\/svg\+xml,(.+)"\); \}$/gm)) images.set(m[1]!, decodeURIComponent(m[2]!));
    for (const name of Object.keys(ROW_ICONS) as RowIconName[]) {
      for (const color of ROW_ICONS[name].colors) {
        const light = images.get(`.ri-${name}-${color}`);
        const dark = images.get(`:root[data-theme='dark'] .ri-${name}-${color}`);
        expect(light, `${name} in ${color}`).toMatch(/^<svg xmlns='http:\/\/www\.w3\.org\/2000\/svg'.*<\/svg>$/);
        expect(dark, `${name} in ${color}, dark`).toMatch(/^<svg .*<\/svg>$/);
        expect(light).not.toBe(dark);
        const token = color === 'muted' ? 'text-muted' : `status-${color}`;
        const [lightHex, darkHex] = [...tokens.matchAll(new RegExp(`--${token}: (#[0-9a-f]+);`, 'gi'))].map((m) => m[1]);
        expect(light).toContain(`stroke='${lightHex}'`);
        expect(dark).toContain(`stroke='${darkHex}'`);
        if (color === 'muted') expect(images.get(`.job-row.is-selected .ri-${name}-${color}`)).toContain("stroke='#1d4ed8'");
      }
    }
  });

  it('draws every icon as a mask in forced colours, where the images would keep their theme colours', () => {
    const forced = css.slice(css.indexOf('@media (forced-colors: active) {'));
    expect(forced).toContain('background-image: none !important; background-color: CanvasText;');
    for (const name of Object.keys(ROW_ICONS) as RowIconName[]) {
      const line = forced.split('\n').find((l) => l.includes(`.ri-${name}-${ROW_ICONS[name].colors[0]}`));
      expect(line, name).toMatch(/\{ mask-image: url\("data:image\/svg\+xml,<svg .*<\/svg>"\); \}$/);
      for (const color of ROW_ICONS[name].colors) expect(line).toContain(`.ri-${name}-${color}`);
    }
  });
});
