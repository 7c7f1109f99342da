// The main-thread work of each animation frame, from a Chromium trace of the recording: the
// renderer main thread's top-level tasks, cut at the frames' times. A mark set by the page at the
// start of the recording ties the page's clock to the trace's.
import { z } from 'zod';

/** Top-level tasks only, and the page's marks: little enough to leave the frames undisturbed. */
export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];

const TraceEvent = z.object({
  name: z.string(),
  cat: z.string(),
  ph: z.string(),
  ts: z.number(),
  dur: z.number().optional(),
  pid: z.number(),
  tid: z.number(),
  args: z.object({ data: z.object({ startTime: z.number() }).partial().optional() }).passthrough().optional(),
});
const Trace = z.object({ traceEvents: z.array(z.unknown()) });

/**
 * ms of main-thread work between each frame and the next (one number fewer than `frameTimes`).
 * `markMs` is when the page set `mark` (performance.now() clock, as the frame times are).
 */
export function workPerFrame(trace: Buffer, mark: string, markMs: number, frameTimes: readonly number[]): number[] {
  const events = Trace.parse(JSON.parse(trace.toString('utf8'))).traceEvents.flatMap((e) => {
    const r = TraceEvent.safeParse(e);
    return r.success ? [r.data] : [];
  });
  const at = events.find((e) => e.name === mark && e.cat.includes('blink.user_timing'));
  if (!at) throw new Error(`the trace has no ${mark} mark: cannot find the page's main thread`);
  // µs: trace clock = page clock × 1000 + offset.
  const offset = at.ts - markMs * 1000;
  const tasks = mergedIntervals(events.filter((e) => e.pid === at.pid && e.tid === at.tid && e.ph === 'X' && e.dur !== undefined && e.cat.split(',').includes('toplevel')).map((e) => [e.ts, e.ts + e.dur!] as const));
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i + 1 < frameTimes.length; i++) {
    const from = frameTimes[i]! * 1000 + offset;
    const to = frameTimes[i + 1]! * 1000 + offset;
    while (k < tasks.length && tasks[k]![1] <= from) k++;
    let busy = 0;
    for (let j = k; j < tasks.length && tasks[j]![0] < to; j++) busy += Math.min(to, tasks[j]![1]) - Math.max(from, tasks[j]![0]);
    out.push(busy / 1000);
  }
  return out;
}

/** Sorted, non-overlapping intervals (a task inside a task counts once). */
function mergedIntervals(list: (readonly [number, number])[]): [number, number][] {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
