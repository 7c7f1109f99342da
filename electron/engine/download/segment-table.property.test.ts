// Generated histories of a segment table (connections claiming ranges, taking halves of each
// other's ranges or the tails of slow ones, writes landing, connections ending, crashes and
// resumes) checked against a model of the file: every byte is written by exactly one range, none
// is lost, and the ranges always tile the file. The unit tests cover chosen cases; this covers the orders nobody chose.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pieceFor } from './segment-planner';
import { SegmentTable, type LiveSegment } from './segment-table';

type Op =
  | { kind: 'claim' }
  | { kind: 'steal'; minPiece: number }
  | { kind: 'tail'; pick: number; speed: number; silentMs: number; freshSpeed: number }
  | { kind: 'reserve'; pick: number; bytes: number }
  | { kind: 'land'; pick: number; bytes: number }
  | { kind: 'release'; pick: number }
  | { kind: 'compact' }
  | { kind: 'crash' };

// Some steps take a whole range at once, so ranges do finish within a history.
const bytes = fc.oneof(fc.integer({ min: 1, max: 300_000 }), fc.constant(Number.MAX_SAFE_INTEGER));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Op>({ kind: 'claim' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('steal' as const), minPiece: fc.integer({ min: 1, max: 256 * 1024 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('tail' as const),
      pick: fc.nat(),
      speed: fc.integer({ min: 0, max: 512 * 1024 }),
      silentMs: fc.constantFrom(0, 1000),
      freshSpeed: fc.integer({ min: 1, max: 64 * 1024 * 1024 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('reserve' as const), pick: fc.nat(), bytes }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('land' as const), pick: fc.nat(), bytes }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.constant<Op>({ kind: 'compact' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'crash' }) },
);

/** The file on disk: which bytes a range has written (a byte written twice is a bug). */
class FileModel {
  readonly bytes: Uint8Array;
  /** Bytes written so far (kept as they land: recounting 3 MB after every step is too slow). */
  count = 0;
  constructor(total: number) {
    this.bytes = new Uint8Array(total);
  }
  write(from: number, to: number): void {
    const span = this.bytes.subarray(from, to);
    if (span.indexOf(1) !== -1) throw new Error(`bytes ${from}..${to} written twice`);
    span.fill(1);
    this.count += to - from;
  }
}

/** `full` also looks at every byte (at the end of a history; too slow after every step). */
function checkInvariants(table: SegmentTable, file: FileModel, total: number, full = false): void {
  // Plain checks, one expect: a history runs this thousands of times.
  const segs = table.segments;
  const problems: string[] = [];
  if (segs[0]!.start !== 0 || segs[segs.length - 1]!.end !== total) problems.push('ranges do not span the file');
  segs.forEach((s, i) => {
    if (i > 0 && s.start !== segs[i - 1]!.end) problems.push(`gap or overlap at ${s.start}`);
    if (!(s.start <= s.written && s.written <= s.reserved && s.reserved <= s.end!)) problems.push(`range ${s.start} out of order`);
    // What a range says it wrote is on disk.
    if (full && file.bytes.subarray(s.start, s.written).indexOf(0) !== -1) problems.push(`range ${s.start} claims unwritten bytes`);
  });
  // …and nothing else is: no byte is counted by two ranges or by none.
  if (table.written !== file.count) problems.push(`table says ${table.written} written, the file has ${file.count}`);
  expect(problems).toEqual([]);
}

function claimed(table: SegmentTable, pick: number): LiveSegment | undefined {
  const c = table.segments.filter((s) => s.claimed);
  return c.length === 0 ? undefined : c[pick % c.length];
}

function apply(table: SegmentTable, file: FileModel, o: Op): SegmentTable {
  switch (o.kind) {
    case 'claim':
      table.claimNext();
      return table;
    case 'steal': {
      const before = table.segments.map((s) => ({ start: s.start, reserved: s.reserved }));
      const piece = table.steal(o.minPiece);
      // A taken half never holds a byte another connection already accepted.
      if (piece) for (const b of before) expect(piece.start >= b.reserved || piece.end! <= b.start).toBe(true);
      if (piece) expect(piece.end! - piece.start).toBeGreaterThan(0);
      return table;
    }
    case 'tail': {
      // A response on a claimed range, slow or stalled, and a free connection taking its tail.
      const s = claimed(table, o.pick);
      if (!s) return table;
      const now = performance.now();
      s.body ??= { since: now - 5000, readyAt: now - o.silentMs, limitedAt: Number.NEGATIVE_INFINITY, takenOver: false, cut: () => undefined };
      s.meter.record(o.speed / 4); // within the meter's first 250 ms: about `speed` bytes/s
      const before = table.segments.map((x) => ({ start: x.start, reserved: x.reserved }));
      const piece = table.takeOverTail({ latencyMs: 1, speed: o.freshSpeed }, now);
      // Like a taken half, a taken tail never holds a byte another connection already accepted.
      if (piece) for (const b of before) expect(piece.start >= b.reserved || piece.end! <= b.start).toBe(true);
      if (piece) expect(piece.end! - piece.start).toBeGreaterThan(0);
      return table;
    }
    case 'reserve': {
      const s = claimed(table, o.pick);
      if (s) s.reserved += Math.min(o.bytes, s.end! - s.reserved);
      return table;
    }
    case 'land': {
      const s = claimed(table, o.pick);
      if (!s) return table;
      const n = Math.min(o.bytes, s.reserved - s.written);
      file.write(s.written, s.written + n);
      s.written += n;
      return table;
    }
    case 'release': {
      // A connection lets go of its range once its writes have landed.
      const s = claimed(table, o.pick);
      if (s && s.reserved === s.written) {
        s.claimed = false;
        s.body = null;
      }
      return table;
    }
    case 'compact':
      table.compact();
      return table;
    case 'crash':
      // Bytes accepted but not yet written are lost; the recorded ranges carry on.
      return new SegmentTable(table.records());
  }
}

/** Runs the remaining work the way connections would, to the end of the file. */
function finish(table: SegmentTable, file: FileModel): void {
  for (let guard = 0; !table.allComplete; guard++) {
    if (guard > 10_000) throw new Error('no progress');
    for (let s = table.claimNext(); s; s = table.claimNext()) void s;
    for (const s of table.segments.filter((x) => x.claimed)) {
      s.reserved = s.end!;
      file.write(s.written, s.reserved);
      s.written = s.reserved;
      s.claimed = false;
    }
  }
}

describe('segment table under generated histories', () => {
  it('tiles the file, writes every byte exactly once, and loses nothing across crashes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 512 * 1024 }),
        fc.boolean(),
        fc.array(op, { maxLength: 200 }),
        (total, connections, minSplit, verified, ops) => {
          const file = new FileModel(total);
          let table = SegmentTable.fresh(total, connections, minSplit, true, pieceFor(total, connections, minSplit, verified));
          checkInvariants(table, file, total);
          for (const o of ops) {
            table = apply(table, file, o);
            checkInvariants(table, file, total, o.kind === 'crash');
          }
          finish(table, file);
          checkInvariants(table, file, total, true);
          expect(file.count).toBe(total);
        },
      ),
      { numRuns: 600 },
    );
  });
});
