// `haul get` in a terminal: a live progress bar per download, redrawn in place and as wide as the
// terminal, then the finished file and the summary. Run on a real pseudo-terminal, not a pipe.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../shared/format';
import { runCliInTerminal } from '../helpers/run-cli';
import { useCliFixture } from '../helpers/cli-fixture';
import { makeContent, sha256, sha256File } from '../helpers/test-content';

const MiB = 1024 * 1024;
const COLUMNS = 100;
/** Cursor up one line (over the one bar), then clear to the end of the screen. */
const REDRAW = '\x1b[1A\x1b[0J';
/** Before the server has said the size, the percentage is a dash and the bar empty. */
const BAR = /^t\.bin +\[(#*)(-*)\] +(\d+\.\d%|—) .* ETA /;

const t = useCliFixture('haul-tty-');

describe('haul get in a terminal', () => {
  it('draws a bar that fills in place with the download, as wide as the terminal, then the file and the summary', async () => {
    const body = makeContent(2 * MiB, 5);
    t.server.route('/t.bin', { body, quirks: { throttle: MiB } });
    const dir = join(t.root, 'tty');
    const r = await runCliInTerminal(['get', '--db', join(t.root, 'tty.db'), '-d', dir, '-x', '1', t.server.url('/t.bin')], { columns: COLUMNS });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(await sha256File(join(dir, 't.bin'))).toBe(sha256(body));

    const frames = r.stdout.replace(/\r\n/g, '\n').split(REDRAW);
    // Each redraw replaces the previous bar: the screen does not scroll with progress lines.
    expect(frames.length).toBeGreaterThan(2);
    const bars = frames.slice(0, -1);
    const percents: number[] = [];
    for (const frame of bars) {
      expect(frame.endsWith('\n') && frame.indexOf('\n') === frame.length - 1, JSON.stringify(frame)).toBe(true);
      const bar = frame.slice(0, -1);
      expect(bar).toHaveLength(COLUMNS);
      const [, filled, empty, percent] = BAR.exec(bar) ?? [];
      expect(percent, bar).toBeDefined();
      const width = filled!.length + empty!.length;
      const share = percent === '—' ? 0 : Number.parseFloat(percent!);
      // The bar shows the percentage next to it, to the nearest cell.
      expect(Math.abs(filled!.length / width - share / 100)).toBeLessThanOrEqual(0.5 / width);
      percents.push(share);
    }
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    // The bar is cleared for good; the finished file and the summary stay.
    expect(frames.at(-1)).toMatch(new RegExp(`^✔ ${join(dir, 't.bin')} \\(${formatBytes(body.length)}\\)\n1 completed, 0 failed, 0 rejected; .+\n$`));
  });
});
