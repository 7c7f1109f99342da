// Work that must not grow with the number of jobs in the store: start-up, the progress tick,
// adding and reordering. Counted (store calls, rows written, reads of finished jobs), never timed;
// the timings are in `npm run bench -- --only=scale`.
import { describe, expect, it } from 'vitest';
import { FINISHED_STATUSES } from '../../shared/models/job';
import { openSqliteJobStore } from '../../electron/engine/store';
import type { JobRecord, SegmentRecord } from '../../electron/engine/store/job-store';
import { makeJob } from '../../electron/engine/store/job-store.contract';
import { countingStore } from '../helpers/counting-store';
import { useEngineFixture } from '../helpers/engine-fixture';
import { makeContent } from '../helpers/test-content';

const t = useEngineFixture();
const FINISHED = 2_000;

/** Puts jobs (and their recorded ranges) straight into the test's database, as an earlier run left them. */
async function seed(jobs: JobRecord[], segments: Map<string, SegmentRecord[]> = new Map()): Promise<void> {
  await t.h.engine.close();
  const store = openSqliteJobStore(t.h.dbPath);
  store.insertJobs(jobs);
  store.saveProgress([...segments].map(([id, list]) => ({ id, segments: list })));
  store.close();
}

function finishedJobs(count: number): { jobs: JobRecord[]; segments: Map<string, SegmentRecord[]> } {
  const jobs = Array.from({ length: count }, (_, i) =>
    makeJob(`done-${i}`, { status: 'completed', position: i, dir: t.h.downloads, name: `f${i}.bin`, total: 1000, completedAt: 1 }),
  );
  return { jobs, segments: new Map(jobs.map((j) => [j.id, [{ start: 0, end: 1000, done: 1000 }]])) };
}

/** Reopens the engine on a store that counts its calls and the reads of finished jobs' fields. */
function reopenCounting() {
  const counted = countingStore(openSqliteJobStore(t.h.dbPath), (job) => FINISHED_STATUSES.includes(job.status));
  t.h.reopen({ store: counted.store });
  return counted.work;
}

describe('start-up with many jobs', () => {
  it("reads every job's recorded bytes in one query, not one per job", async () => {
    const { jobs, segments } = finishedJobs(FINISHED);
    const paused = Array.from({ length: 20 }, (_, i) => makeJob(`paused-${i}`, { status: 'paused', position: FINISHED + i, dir: t.h.downloads, name: `p${i}.bin`, total: 4000 }));
    paused.forEach((j, i) => segments.set(j.id, [{ start: 0, end: 2000, done: 100 + i }, { start: 2000, end: 4000, done: 7 }]));
    await seed([...jobs, ...paused], segments);
    const work = reopenCounting();
    expect(work.calls.get('loadSegments') ?? 0).toBe(0);
    paused.forEach((j, i) => expect(t.h.engine.snapshot(j.id)!.received).toBe(107 + i));
    expect(t.h.engine.snapshot('done-5')!.received).toBe(1000); // a completed job's size
    expect(t.h.engine.stats()).toMatchObject({ completed: FINISHED, paused: 20, queued: 0, active: 0 });
  });
});

describe('the progress tick and the queue with many finished jobs', () => {
  it('the tick and its stats never look at finished jobs, and the counts stay right', async () => {
    const { jobs, segments } = finishedJobs(FINISHED);
    await seed(jobs, segments);
    const work = reopenCounting();
    t.server.route('/running.bin', { body: makeContent(400_000, 3), quirks: { throttle: 200_000 } });
    const id = t.h.engine.addJobs([{ url: t.server.url('/running.bin'), connections: 1 }]).added[0]!.id;
    await t.h.waitFor(id, ['active']);
    work.reset();
    // Ticks that carry this download's progress: each one also took the stats.
    let ticks = 0;
    const off = t.h.engine.events.on('jobs.updated', ({ jobs: snaps }) => {
      if (snaps.some((s) => s.id === id && s.received > 0)) ticks++;
    });
    await t.h.waitUntil(() => ticks >= 5, 'five ticks with progress');
    off();
    expect(t.h.engine.stats()).toMatchObject({ completed: FINISHED, active: 1, queued: 0 });
    expect(work.reads).toBe(0);
    const done = await t.h.waitFor(id, ['completed']);
    expect(done.received).toBe(400_000);
    expect(t.h.engine.stats()).toMatchObject({ completed: FINISHED + 1, active: 0 });
  });

  it('adding a job neither sorts the queue again nor walks it', async () => {
    const { jobs, segments } = finishedJobs(FINISHED);
    await seed(jobs, segments);
    const work = reopenCounting();
    work.reset();
    const { added } = t.h.engine.addJobs([{ url: t.server.url('/later.bin'), paused: true }]);
    // A look at the last job's position, not 2,000 of them (or a sort's 20,000).
    expect(work.reads).toBeLessThan(10);
    expect(added[0]!.position).toBe(FINISHED);
    expect(t.h.engine.list().at(-1)!.id).toBe(added[0]!.id);
  });
});

describe('reordering a long queue', () => {
  const QUEUE = 2_000;

  /** The order a move must give: the job taken out and put back at the target index. */
  function expected(ids: string[], id: string, to: 'up' | 'down' | 'top' | 'bottom' | number): string[] {
    const from = ids.indexOf(id);
    const rest = ids.filter((x) => x !== id);
    const at = to === 'top' ? 0 : to === 'bottom' ? rest.length : to === 'up' ? from - 1 : to === 'down' ? from + 1 : to;
    rest.splice(at, 0, id);
    return rest;
  }

  it('writes the moved job (and for up/down its neighbour), and the order survives a restart', async () => {
    const jobs = Array.from({ length: QUEUE }, (_, i) => makeJob(`job-${i}`, { status: 'paused', position: i, dir: t.h.downloads }));
    await seed(jobs);
    const work = reopenCounting();
    let order = jobs.map((j) => j.id);
    const moves = [
      ['job-1000', 'up', 2],
      ['job-1000', 'down', 2],
      ['job-1500', 'top', 1],
      ['job-3', 'bottom', 1],
      ['job-7', 700, 1],
      ['job-1999', 1, 1],
    ] as const;
    for (const [id, to, rows] of moves) {
      work.reset();
      t.h.engine.reorder([id], to);
      order = expected(order, id, to);
      expect(t.h.engine.list().map((j) => j.id)).toEqual(order);
      expect(work.positionsWritten).toBe(rows);
      expect(work.calls.get('setPositions')).toBe(1);
    }
    await t.h.engine.close();
    t.h.reopen();
    expect(t.h.engine.list().map((j) => j.id)).toEqual(order);
  });
});

describe('pausing and resuming a long queue', () => {
  it('puts every change of one command on disk in one commit before it answers', async () => {
    const queued = Array.from({ length: FINISHED }, (_, i) => makeJob(`q-${i}`, { status: 'paused', position: i, dir: t.h.downloads }));
    await seed(queued);
    const work = reopenCounting();
    work.reset();
    expect(t.h.engine.resumeAll()).toHaveLength(FINISHED);
    expect(work.calls.get('saveProgress')).toBe(1);
    expect(work.calls.get('updateJob') ?? 0).toBe(0);
    work.reset();
    expect(t.h.engine.pauseAll().length).toBeGreaterThanOrEqual(FINISHED - 10);
    expect(work.calls.get('saveProgress')).toBe(1);
    // Already on disk: a second connection to the file sees every job paused.
    const other = openSqliteJobStore(t.h.dbPath);
    try {
      expect(other.listJobs().filter((j) => j.status !== 'paused').map((j) => j.id)).toEqual([]);
    } finally {
      other.close();
    }
  });
});
