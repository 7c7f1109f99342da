import { describe, expect, it } from 'vitest';
import { SPLIT_ALIGN, chooseSplitVictim, pieceSize, planInitialRanges, planPieces, splitPoint, type ByteRange } from './segment-planner';

const MiB = 1024 * 1024;

/** Ranges in order, each non-empty, touching the next: together exactly [0, total). */
function expectExactCover(ranges: ByteRange[], total: number): void {
  expect(ranges.length).toBeGreaterThan(0);
  expect(ranges[0]!.start).toBe(0);
  expect(ranges[ranges.length - 1]!.end).toBe(total);
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    expect(Number.isInteger(r.start) && Number.isInteger(r.end)).toBe(true);
    expect(r.end).toBeGreaterThan(r.start);
    if (i > 0) expect(r.start).toBe(ranges[i - 1]!.end);
  }
}

describe('planInitialRanges', () => {
  const totals = [1, 2, 3, 7, 97, 65_535, 65_536, 65_537, 999_983, MiB - 1, MiB, MiB + 1, 2 * MiB, 7_919 * 1_009, 10 * MiB + 13, 4 * 1024 * MiB + 7];
  const connections = [1, 2, 3, 5, 8, 16, 32];
  const minSplits = [1, 1000, 64 * 1024, 100_000, MiB];

  it('covers [0, total) exactly, with no gap or overlap, for many shapes', () => {
    for (const total of totals) {
      for (const conns of connections) {
        for (const minSplit of minSplits) {
          const ranges = planInitialRanges(total, conns, minSplit);
          expectExactCover(ranges, total);
          expect(ranges.length).toBeLessThanOrEqual(conns);
        }
      }
    }
  });

  it('uses a single range when the file is smaller than two splits', () => {
    expect(planInitialRanges(MiB - 1, 8, MiB)).toEqual([{ start: 0, end: MiB - 1 }]);
    expect(planInitialRanges(1, 8, MiB)).toEqual([{ start: 0, end: 1 }]);
    expect(planInitialRanges(2 * MiB - 1, 8, MiB)).toEqual([{ start: 0, end: 2 * MiB - 1 }]);
  });

  it('opens as many ranges as connections when the file is large enough', () => {
    expect(planInitialRanges(100 * MiB, 8, MiB)).toHaveLength(8);
    expect(planInitialRanges(5 * MiB, 8, MiB)).toHaveLength(5);
  });

  it('returns one empty range for an empty file', () => {
    expect(planInitialRanges(0, 8, MiB)).toEqual([{ start: 0, end: 0 }]);
  });

  it('keeps ranges near equal and never much below the minimum split', () => {
    for (const total of [10 * MiB + 13, 7_919 * 1_009, 4 * 1024 * MiB + 7]) {
      const ranges = planInitialRanges(total, 8, MiB);
      const sizes = ranges.map((r) => r.end - r.start);
      // Alignment moves a boundary down by less than SPLIT_ALIGN.
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(2 * SPLIT_ALIGN);
      for (const s of sizes) expect(s).toBeGreaterThan(MiB - SPLIT_ALIGN);
    }
  });

  it('aligns inner boundaries to SPLIT_ALIGN on large files', () => {
    for (const total of [10 * MiB + 13, 999_999_937]) {
      const ranges = planInitialRanges(total, 7, MiB);
      for (const r of ranges.slice(1)) expect(r.start % SPLIT_ALIGN).toBe(0);
    }
  });
});

describe('chooseSplitVictim', () => {
  const minPiece = 1000;

  it('picks the range with the longest time left, not the largest', () => {
    const i = chooseSplitVictim(
      [
        { pos: 0, end: 100_000, speed: 100_000 }, // 1 s left
        { pos: 0, end: 20_000, speed: 1000 }, // 20 s left
        { pos: 0, end: 50_000, speed: 10_000 }, // 5 s left
      ],
      minPiece,
    );
    expect(i).toBe(1);
  });

  it('counts from the current position, not from the start of the range', () => {
    const i = chooseSplitVictim(
      [
        { pos: 95_000, end: 100_000, speed: 1000 }, // 5 s left
        { pos: 10_000, end: 30_000, speed: 1000 }, // 20 s left
      ],
      minPiece,
    );
    expect(i).toBe(1);
  });

  it('treats an unmeasured connection as the slowest, larger remainder first', () => {
    const i = chooseSplitVictim(
      [
        { pos: 0, end: 1_000_000, speed: 1 },
        { pos: 0, end: 10_000, speed: 0 },
        { pos: 0, end: 30_000, speed: 0 },
      ],
      minPiece,
    );
    expect(i).toBe(2);
  });

  it('ignores ranges too small to halve', () => {
    expect(chooseSplitVictim([{ pos: 0, end: 2 * minPiece - 1, speed: 1 }], minPiece)).toBe(-1);
    expect(chooseSplitVictim([{ pos: 0, end: 2 * minPiece, speed: 1 }], minPiece)).toBe(0);
    expect(
      chooseSplitVictim(
        [
          { pos: 0, end: 1500, speed: 0 }, // would be "slowest", but too small
          { pos: 0, end: 5000, speed: 5000 },
        ],
        minPiece,
      ),
    ).toBe(1);
  });

  it('returns -1 when there is nothing to split', () => {
    expect(chooseSplitVictim([], minPiece)).toBe(-1);
    expect(chooseSplitVictim([{ pos: 5000, end: 5000, speed: 0 }], minPiece)).toBe(-1);
  });
});

describe('splitPoint', () => {
  it('stays strictly inside every range of two bytes or more', () => {
    const starts = [0, 1, 65_535, 65_536, 65_537, 1_000_003, 3 * MiB - 1];
    const lengths = [2, 3, 4, 100, 65_535, 65_536, 131_072, 131_073, MiB, 2 * MiB + 5, 1_234_567];
    for (const pos of starts) {
      for (const len of lengths) {
        const cut = splitPoint(pos, pos + len);
        expect(cut).toBeGreaterThan(pos);
        expect(cut).toBeLessThan(pos + len);
        expect(Number.isInteger(cut)).toBe(true);
      }
    }
  });

  it('cuts in the middle, aligned down when that keeps both halves non-empty', () => {
    expect(splitPoint(0, 10)).toBe(5);
    expect(splitPoint(0, 4 * MiB)).toBe(2 * MiB);
    expect(splitPoint(0, 4 * MiB + 1000)).toBe(2 * MiB);
    expect(splitPoint(100, 4 * MiB)).toBe(2 * MiB);
    // Nothing aligned lies inside: plain middle.
    expect(splitPoint(65_537, 65_537 + 1000)).toBe(65_537 + 500);
  });

  it('keeps the halves close to equal on large ranges', () => {
    for (const pos of [0, 12_345, 65_536 * 3 + 1]) {
      const end = pos + 2 * MiB + 77;
      const cut = splitPoint(pos, end);
      expect(Math.abs(cut - pos - (end - cut))).toBeLessThan(2 * SPLIT_ALIGN);
    }
  });
});

describe('pieceSize', () => {
  it('cuts a big file into about two aligned pieces per connection', () => {
    expect(pieceSize(256 * MiB, 16, MiB)).toBe(8 * MiB);
    const odd = pieceSize(1000 * MiB + 12345, 16, MiB);
    expect(odd % SPLIT_ALIGN).toBe(0);
    expect(planPieces(1000 * MiB + 12345, { size: odd, tail: null }).length).toBe(32);
  });

  it('never goes below the minimum split size, nor divides by zero connections', () => {
    expect(pieceSize(3 * MiB, 8, MiB)).toBe(MiB);
    expect(pieceSize(0, 8, MiB)).toBe(MiB);
    expect(pieceSize(64 * MiB, 0, MiB)).toBe(32 * MiB);
  });
});

describe('planPieces (verified downloads)', () => {
  it('covers [0, total) with consecutive pieces, the last one shorter', async () => {
    const { planPieces } = await import('./segment-planner');
    const plain = (size: number) => ({ size, tail: null });
    expect(planPieces(20, plain(8))).toEqual([{ start: 0, end: 8 }, { start: 8, end: 16 }, { start: 16, end: 20 }]);
    expect(planPieces(16, plain(8))).toEqual([{ start: 0, end: 8 }, { start: 8, end: 16 }]);
    expect(planPieces(0, plain(8))).toEqual([]);
  });

  it('cuts the last stretch in small pieces, so the hashed prefix stays close to the end', async () => {
    const { planPieces, pieceFor } = await import('./segment-planner');
    expect(planPieces(30, { size: 8, tail: { bytes: 10, size: 4 } })).toEqual([
      { start: 0, end: 8 }, { start: 8, end: 16 }, { start: 16, end: 20 }, { start: 20, end: 24 }, { start: 24, end: 28 }, { start: 28, end: 30 },
    ]);
    // A tail longer than the file: all small pieces.
    expect(planPieces(6, { size: 8, tail: { bytes: 100, size: 4 } })).toEqual([{ start: 0, end: 4 }, { start: 4, end: 6 }]);
    // 1 GiB over 16 verified connections: 8 MiB pieces, the last 128 MiB in 1 MiB ones.
    const plan = pieceFor(1024 * MiB, 16, MiB, true)!;
    const pieces = planPieces(1024 * MiB, plan);
    expect(pieces.filter((p) => p.end - p.start === 8 * MiB)).toHaveLength(112);
    expect(pieces.filter((p) => p.end - p.start === MiB)).toHaveLength(128);
    expect(pieces.at(-1)!.end).toBe(1024 * MiB);
    expect(pieceFor(1024 * MiB, 16, MiB, false)).toEqual({ size: 32 * MiB, tail: null });
    expect(pieceFor(1024 * MiB, 1, MiB, true)).toBeNull();
  });
});
