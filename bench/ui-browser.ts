// The page side of the UI bench: one fresh browser context per measurement, the app opened at the
// address `haul serve` prints, numbers read from the page itself and from Chromium's DevTools
// protocol (WebSocket frames received, main-thread task time, JS heap).
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { FIRST_ROW_DRAWN, FIRST_ROW_PROBE, FRAMES_MARK, wholeListShown, idleFramesScript, READ_FIRST_ROW, scrollScript, steadyScrollScript, type FirstRowTimes, type FrameRecord, type ScrollRecord } from './ui-page-scripts';
import { TRACE_CATEGORIES, workPerFrame } from './ui-trace';

const VIEWPORT = { width: 1280, height: 800 };
const MiB = 1024 * 1024;

/** A page with the DevTools protocol on it, counting WebSocket bytes from the moment it opens. */
export interface BenchPage {
  page: Page;
  cdp: CDPSession;
  /** Bytes and frames received over WebSockets so far. */
  ws(): { bytes: number; frames: number };
  /** ms from the first request (the navigation's) to the jobs.list call and to its answer; null until seen. */
  list(): { askedMs: number | null; answeredMs: number | null };
  /** Main-thread task time so far (s) and the JS heap in use (bytes). */
  metrics(): Promise<{ taskSeconds: number; heapUsed: number; nodes: number }>;
  /** The JS heap in use after a full garbage collection (bytes). */
  heapAfterGc(): Promise<number>;
  close(): Promise<void>;
}

export async function openBenchPage(browser: Browser): Promise<BenchPage> {
  const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light', locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: FIRST_ROW_PROBE });
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    let frames = 0;
    // DevTools timestamps (s, one monotonic clock): the navigation's first request, the list's call and answer.
    let firstRequest: number | null = null;
    let listCall: { id: number; at: number } | null = null;
    let listAnswer: number | null = null;
    cdp.on('Network.requestWillBeSent', (e) => void (firstRequest ??= e.timestamp));
    cdp.on('Network.webSocketFrameSent', (e) => {
      const call = /^\{"id":(\d+),"channel":"jobs\.list"/.exec(e.response.payloadData);
      if (call && !listCall) listCall = { id: Number(call[1]), at: e.timestamp };
    });
    cdp.on('Network.webSocketFrameReceived', (e) => {
      if (listCall && listAnswer === null && e.response.payloadData.startsWith(`{"id":${listCall.id},`)) listAnswer = e.timestamp;
      frames++;
      // Text frames carry their text, binary ones base64.
      bytes += e.response.opcode === 1 ? Buffer.byteLength(e.response.payloadData) : Buffer.from(e.response.payloadData, 'base64').length;
    });
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<{ taskSeconds: number; heapUsed: number; nodes: number }> => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      const get = (name: string): number => list.find((m) => m.name === name)?.value ?? Number.NaN;
      return { taskSeconds: get('TaskDuration'), heapUsed: get('JSHeapUsedSize'), nodes: get('Nodes') };
    };
    return {
      page,
      cdp,
      ws: () => ({ bytes, frames }),
      list: () => {
        const since = (t: number | null | undefined): number | null => (t == null || firstRequest === null ? null : (t - firstRequest) * 1000);
        return { askedMs: since(listCall?.at), answeredMs: since(listAnswer) };
      },
      metrics,
      async heapAfterGc() {
        await cdp.send('HeapProfiler.collectGarbage');
        return (await metrics()).heapUsed;
      },
      close: () => context.close(),
    };
  } catch (err) {
    await context.close();
    throw err;
  }
}

export interface FirstRows extends FirstRowTimes {
  /** WebSocket bytes received until the first rows were drawn (the list included). */
  wsBytes: number;
  /** ms after the navigation's first request: the list asked for over the WebSocket, and its answer in. */
  listAskedMs: number | null;
  listAnsweredMs: number | null;
}

/** Polled from here: waitForFunction compiles its body in the page, which the app's CSP forbids. */
async function until(p: BenchPage, expression: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await p.page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await p.page.waitForTimeout(20);
  }
}

/** Opens the printed address, waits for the first job rows to be drawn, then for the live UI to list all `jobs`. */
export async function openUntilFirstRows(p: BenchPage, url: string, jobs: number, timeoutMs: number): Promise<FirstRows> {
  await p.page.goto(url);
  await until(p, FIRST_ROW_DRAWN, timeoutMs, `no job row was drawn on opening ${new URL(url).origin}`);
  const wsBytes = p.ws().bytes;
  await until(p, wholeListShown(jobs), timeoutMs, `the live list did not show all ${jobs} jobs`);
  // The count once the list has settled (a few more frames: the virtualizer measures, then draws).
  await p.page.waitForTimeout(500);
  const times = await p.page.evaluate<FirstRowTimes>(READ_FIRST_ROW);
  const list = p.list();
  return { ...times, wsBytes, listAskedMs: list.askedMs, listAnsweredMs: list.answeredMs };
}

export interface FrameStats {
  /** Intervals between animation frames (ms): how often the page showed a new frame. */
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Intervals over 25 ms: one 60 Hz frame or more missed. */
  late: number;
  /** Main-thread work between a frame and the next (ms, from the trace). */
  workP50: number;
  workP95: number;
  /** Share of the recording the main thread was busy. */
  busyShare: number;
}

/** Runs a frame recording under a Chromium trace and works out its numbers. */
async function traced<R extends FrameRecord>(p: BenchPage, script: string): Promise<{ record: R; stats: FrameStats }> {
  const browser = p.page.context().browser();
  if (!browser) throw new Error('the page has no browser to trace');
  await browser.startTracing(p.page, { categories: TRACE_CATEGORIES });
  const outcome = await p.page.evaluate<R>(script).then(
    (record) => ({ record }),
    (error: unknown) => ({ error }),
  );
  // Stopped whatever happened: a trace left running would outlive the measurement.
  const trace = await browser.stopTracing();
  if ('error' in outcome) throw outcome.error;
  const { record } = outcome;
  return { record, stats: frameStats(record, workPerFrame(trace, FRAMES_MARK, record.markMs, record.times)) };
}

export function scrollFrames(p: BenchPage, framesEachWay: number, limitMs: number): Promise<{ record: ScrollRecord; stats: FrameStats }> {
  return traced<ScrollRecord>(p, scrollScript(framesEachWay, limitMs));
}

export function steadyScrollFrames(p: BenchPage, stepPx: number, frames: number): Promise<{ record: FrameRecord; stats: FrameStats }> {
  return traced<FrameRecord>(p, steadyScrollScript(stepPx, frames));
}

export async function idleFrames(p: BenchPage, ms: number): Promise<{ stats: FrameStats; ws: { bytes: number; frames: number }; seconds: number }> {
  const before = p.ws();
  const { record, stats } = await traced<FrameRecord>(p, idleFramesScript(ms));
  const after = p.ws();
  return { stats, ws: { bytes: after.bytes - before.bytes, frames: after.frames - before.frames }, seconds: record.elapsedMs / 1000 };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

function frameStats(record: FrameRecord, work: readonly number[]): FrameStats {
  const d = record.times.slice(1).map((t, i) => t - record.times[i]!);
  const busy = work.reduce((a, b) => a + b, 0);
  return {
    frames: d.length,
    p50: percentile(d, 50),
    p95: percentile(d, 95),
    max: d.length ? Math.max(...d) : Number.NaN,
    late: d.filter((x) => x > 25).length,
    workP50: percentile(work, 50),
    workP95: percentile(work, 95),
    busyShare: d.length ? busy / (record.times.at(-1)! - record.times[0]!) : Number.NaN,
  };
}

export const toMiB = (bytes: number): number => bytes / MiB;
