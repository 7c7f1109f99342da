import { describe, expect, it } from 'vitest';
import type { SegmentRecord } from '../store/job-store';
import { planInitialRanges } from './segment-planner';
import { LiveSegment, SegmentTable, type LiveBody } from './segment-table';
import type { FreshConnection } from './tail-takeover';

const MiB = 1024 * 1024;

/** What a connection does after a write completed and was accounted. */
function advance(seg: LiveSegment, bytes: number): void {
  seg.reserved += bytes;
  seg.written += bytes;
}

function expectContiguous(records: SegmentRecord[], total: number): void {
  expect(records[0]!.start).toBe(0);
  expect(records[records.length - 1]!.end).toBe(total);
  for (let i = 1; i < records.length; i++) expect(records[i]!.start).toBe(records[i - 1]!.end);
}

describe('SegmentTable.fresh', () => {
  it('plans ranged downloads with the planner, nothing done yet', () => {
    const table = SegmentTable.fresh(10 * MiB, 4, MiB, true);
    expect(table.records()).toEqual(planInitialRanges(10 * MiB, 4, MiB).map((r) => ({ ...r, done: 0 })));
    expect(table.written).toBe(0);
    expect(table.allComplete).toBe(false);
  });

  it('uses one open-ended range when the size is unknown or ranges are unsupported', () => {
    expect(SegmentTable.fresh(null, 8, MiB, true).records()).toEqual([{ start: 0, end: null, done: 0 }]);
    expect(SegmentTable.fresh(10 * MiB, 8, MiB, false).records()).toEqual([{ start: 0, end: 10 * MiB, done: 0 }]);
  });

  it('an unknown-length segment is never complete and has unbounded remaining', () => {
    const seg = SegmentTable.fresh(null, 1, MiB, false).segments[0]!;
    advance(seg, 5000);
    expect(seg.complete).toBe(false);
    expect(seg.remaining).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('SegmentTable from records (resume)', () => {
  const records: SegmentRecord[] = [
    { start: 0, end: 1000, done: 1000 },
    { start: 1000, end: 2000, done: 250 },
    { start: 2000, end: 3000, done: 0 },
  ];

  it('restores positions and sums written bytes', () => {
    const table = new SegmentTable(records);
    expect(table.segments.map((s) => [s.reserved, s.written])).toEqual([
      [1000, 1000],
      [1250, 1250],
      [2000, 2000],
    ]);
    expect(table.written).toBe(1250);
    expect(table.records()).toEqual(records);
  });

  it('claimNext hands out unfinished ranges in order, each once', () => {
    const table = new SegmentTable(records);
    const a = table.claimNext();
    const b = table.claimNext();
    expect([a?.start, b?.start]).toEqual([1000, 2000]); // the finished one is skipped
    expect(table.claimNext()).toBeNull();
    expect(table.activeCount()).toBe(2);
  });

  it('allComplete once every range is written to its end', () => {
    const table = new SegmentTable(records);
    advance(table.segments[1]!, 750);
    expect(table.allComplete).toBe(false);
    advance(table.segments[2]!, 1000);
    expect(table.allComplete).toBe(true);
    expect(table.written).toBe(3000);
  });

  it('records() reports written, not merely reserved, bytes', () => {
    const table = new SegmentTable(records);
    const seg = table.segments[2]!;
    seg.reserved += 500; // accepted for writing but not on disk yet
    seg.written += 200;
    expect(table.records()[2]).toEqual({ start: 2000, end: 3000, done: 200 });
    expect(table.written).toBe(1450);
    expect(seg.remaining).toBe(500);
  });
});

describe('SegmentTable.steal', () => {
  it('shrinks the running range and hands out its upper half, already claimed', () => {
    const table = SegmentTable.fresh(8 * MiB, 1, MiB, true);
    const running = table.claimNext()!;
    advance(running, MiB);

    const piece = table.steal(MiB)!;
    expect(piece).not.toBeNull();
    expect(piece.claimed).toBe(true);
    expect(piece.start).toBeGreaterThan(MiB);
    expect(piece.end).toBe(8 * MiB);
    expect(running.end).toBe(piece.start);
    // The cut is near the middle of what was left.
    expect(Math.abs(piece.start - 4.5 * MiB)).toBeLessThan(64 * 1024);
    expectContiguous(table.records(), 8 * MiB);
    expect(table.segments.map((s) => s.start)).toEqual([0, piece.start]);
    expect(table.activeCount()).toBe(2);
    expect(table.written).toBe(MiB);
  });

  it('takes from the range with the longest time left', () => {
    const table = SegmentTable.fresh(16 * MiB, 2, MiB, true);
    const fast = table.claimNext()!;
    const slow = table.claimNext()!;
    fast.meter.record(4 * MiB);
    slow.meter.record(64 * 1024);
    const piece = table.steal(MiB)!;
    expect(piece.end).toBe(16 * MiB);
    expect(slow.end).toBe(piece.start);
    expect(fast.end).toBe(8 * MiB);
  });

  it('keeps the table sorted when the stolen piece lies between others', () => {
    const table = SegmentTable.fresh(16 * MiB, 2, MiB, true);
    const first = table.claimNext()!;
    const second = table.claimNext()!;
    first.meter.record(64 * 1024); // first is slower: its upper half is taken
    second.meter.record(4 * MiB);
    const piece = table.steal(MiB)!;
    expect(table.segments.map((s) => s.start)).toEqual([0, piece.start, 8 * MiB]);
    expectContiguous(table.records(), 16 * MiB);
  });

  it('returns null when no running range is worth halving', () => {
    const table = SegmentTable.fresh(8 * MiB, 1, MiB, true);
    expect(table.steal(MiB)).toBeNull(); // nothing claimed: claimNext is the way to get it
    const seg = table.claimNext()!;
    advance(seg, 8 * MiB - 2 * MiB + 1); // 2 MiB - 1 left: halves would be under 1 MiB
    expect(table.steal(MiB)).toBeNull();
    expect(table.segments).toHaveLength(1);
  });

  it('never splits a range of unknown length', () => {
    const table = SegmentTable.fresh(null, 1, MiB, true);
    table.claimNext();
    expect(table.steal(1)).toBeNull();
  });

  it('counts reserved bytes as taken: the cut never lands below them', () => {
    const table = SegmentTable.fresh(8 * MiB, 1, MiB, true);
    const seg = table.claimNext()!;
    seg.reserved = 6 * MiB; // accepted but still being written
    seg.written = 2 * MiB;
    const piece = table.steal(512 * 1024)!;
    expect(piece.start).toBeGreaterThan(6 * MiB);
    expect(piece.end).toBe(8 * MiB);

    // Only reserved bytes count towards "worth halving" too: 512 KiB left to reserve is too little.
    const other = SegmentTable.fresh(8 * MiB, 1, MiB, true);
    const busy = other.claimNext()!;
    busy.reserved = 7.5 * MiB;
    busy.written = 2 * MiB;
    expect(other.steal(512 * 1024)).toBeNull();
  });
});

describe('SegmentTable.takeOverTail', () => {
  const fast: FreshConnection = { latencyMs: 2, speed: 100 * MiB };

  /** A response that has been running for a second, last chunk just now; `cuts` counts cut() calls. */
  function liveBody(now: number, over: Partial<LiveBody> = {}): LiveBody & { cuts: number } {
    const body = { since: now - 1000, readyAt: now, limitedAt: Number.NEGATIVE_INFINITY, takenOver: false, cuts: 0, cut: () => void body.cuts++, ...over };
    return body;
  }

  /** One range of 4 MiB with 1 MiB left: below two minimum pieces, so steal() leaves it. */
  function nearlyDone(): { table: SegmentTable; seg: LiveSegment } {
    const table = SegmentTable.fresh(4 * MiB, 1, MiB, true);
    const seg = table.claimNext()!;
    advance(seg, 3 * MiB);
    return { table, seg };
  }

  it('takes nearly all of a slow response\'s tail, below the minimum split size, once', () => {
    const { table, seg } = nearlyDone();
    const now = performance.now();
    seg.meter.record(64 * 1024); // ~256 KiB/s
    const body = (seg.body = liveBody(now));
    expect(table.steal(MiB)).toBeNull();
    const piece = table.takeOverTail(fast, now)!;
    expect(piece.claimed).toBe(true);
    expect(piece.end).toBe(4 * MiB);
    expect(seg.end).toBe(piece.start);
    expect(piece.start).toBeGreaterThan(seg.reserved);
    expect(piece.start - seg.reserved).toBeLessThan(64 * 1024);
    expect(body.takenOver).toBe(true);
    expect(body.cuts).toBe(0); // it still has bytes to fetch: its next chunk sees the new end
    expectContiguous(table.records(), 4 * MiB);
    // The same slow response is not cut again (the new range has no response yet).
    expect(table.takeOverTail(fast, now + 50)).toBeNull();
  });

  it('cuts a stalled response at what it already accepted, and stops it at once', () => {
    const { table, seg } = nearlyDone();
    const now = performance.now();
    seg.reserved += 5000; // accepted, not yet written
    const body = (seg.body = liveBody(now, { readyAt: now - 1000 }));
    const piece = table.takeOverTail(fast, now)!;
    expect(piece.start).toBe(3 * MiB + 5000);
    expect(seg.end).toBe(seg.reserved);
    expect(seg.complete).toBe(false); // until its accepted bytes land
    expect(body.cuts).toBe(1);
    expectContiguous(table.records(), 4 * MiB);
  });

  it('counts silence only from `quietFrom` on: before it, this side may not have been reading', () => {
    const { table, seg } = nearlyDone();
    const now = performance.now();
    seg.body = liveBody(now, { readyAt: now - 1000 });
    expect(table.takeOverTail(fast, now, now - 100)).toBeNull();
    expect(table.takeOverTail(fast, now + 300, now - 100)!.start).toBe(seg.reserved);
  });

  it('needs a running response, a fresh estimate and a known end', () => {
    const { table, seg } = nearlyDone();
    const now = performance.now();
    expect(table.takeOverTail(fast, now)).toBeNull(); // no response yet (connecting or waiting to retry)
    seg.body = liveBody(now, { readyAt: now - 1000 });
    expect(table.takeOverTail(null, now)).toBeNull();
    const open = SegmentTable.fresh(null, 1, MiB, true);
    open.claimNext()!.body = liveBody(now, { readyAt: now - 1000 });
    expect(open.takeOverTail(fast, now)).toBeNull();
  });
});

describe('SegmentTable.hasWorkFor', () => {
  it('a one-range file being fetched leaves nothing for a second connection', () => {
    const t = SegmentTable.fresh(16 * 1024, 8, MiB, true);
    expect(t.segments).toHaveLength(1);
    expect(t.hasWorkFor(MiB)).toBe(true);
    t.claimNext();
    expect(t.hasWorkFor(MiB)).toBe(false);
  });

  it('sees free ranges, and running ranges big enough to halve only when splitting', () => {
    const t = new SegmentTable([{ start: 0, end: 8 * MiB, done: 0 }]);
    t.claimNext();
    expect(t.hasWorkFor(MiB)).toBe(true);
    expect(t.hasWorkFor(null)).toBe(false);
    advance(t.segments[0]!, 7 * MiB);
    expect(t.hasWorkFor(MiB)).toBe(false); // 1 MiB left: below two minimum pieces
  });

  it('is false once everything is written', () => {
    const t = new SegmentTable([{ start: 0, end: 10, done: 10 }]);
    expect(t.hasWorkFor(1)).toBe(false);
  });
});

describe('SegmentTable.compact', () => {
  function finishedTable(): SegmentTable {
    return new SegmentTable([
      { start: 0, end: 100, done: 100 },
      { start: 100, end: 200, done: 100 },
      { start: 200, end: 300, done: 100 },
      { start: 300, end: 400, done: 40 },
      { start: 400, end: 500, done: 100 },
      { start: 500, end: 600, done: 100 },
    ]);
  }

  it('merges runs of finished neighbours and leaves unfinished ranges alone', () => {
    const table = finishedTable();
    table.compact();
    expect(table.records()).toEqual([
      { start: 0, end: 300, done: 300 },
      { start: 300, end: 400, done: 40 },
      { start: 400, end: 600, done: 200 },
    ]);
    expect(table.written).toBe(540);
  });

  it('does not merge a finished range still held by its connection', () => {
    const table = finishedTable();
    table.segments[1]!.claimed = true;
    table.compact();
    expect(table.records().map((r) => [r.start, r.end])).toEqual([
      [0, 100],
      [100, 200],
      [200, 300],
      [300, 400],
      [400, 600],
    ]);
  });

  it('is a no-op on a table with nothing finished', () => {
    const table = SegmentTable.fresh(10 * MiB, 4, MiB, true);
    const before = table.records();
    table.compact();
    expect(table.records()).toEqual(before);
  });
});

describe('SegmentTable.snapshots', () => {
  it('reports received bytes and which ranges are active', () => {
    const table = new SegmentTable([
      { start: 0, end: 100, done: 30 },
      { start: 100, end: 200, done: 0 },
    ]);
    table.claimNext();
    const snaps = table.snapshots();
    expect(snaps.map((s) => [s.start, s.end, s.received, s.active])).toEqual([
      [0, 100, 30, true],
      [100, 200, 0, false],
    ]);
    expect(snaps[1]!.speed).toBe(0);
  });
});
