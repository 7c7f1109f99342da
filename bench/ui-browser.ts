// The page side of the UI bench: one fresh browser context per measurement, the app opened at the
// address `haul serve` prints, numbers read from the page itself and from Chromium's DevTools
// protocol (WebSocket frames received, main-thread task time, JS heap).
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { FIRST_ROW_DRAWN, FIRST_ROW_PROBE, idleFramesScript, READ_FIRST_ROW, scrollScript, type FirstRowTimes, type FrameRecord, type ScrollRecord } from './ui-page-scripts';

const VIEWPORT = { width: 1280, height: 800 };
const MiB = 1024 * 1024;

/** A page with the DevTools protocol on it, counting WebSocket bytes from the moment it opens. */
export interface BenchPage {
  page: Page;
  cdp: CDPSession;
  /** Bytes and frames received over WebSockets so far. */
  ws(): { bytes: number; frames: number };
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
    cdp.on('Network.webSocketFrameReceived', (e) => {
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
}

/** Opens the printed address and waits for the first job rows to be drawn. */
export async function openUntilFirstRows(p: BenchPage, url: string, timeoutMs: number): Promise<FirstRows> {
  await p.page.goto(url);
  // Polled from here: waitForFunction compiles its body in the page, which the app's CSP forbids.
  const deadline = Date.now() + timeoutMs;
  while (!(await p.page.evaluate<boolean>(FIRST_ROW_DRAWN))) {
    if (Date.now() > deadline) throw new Error(`no job row was drawn within ${timeoutMs / 1000} s of opening ${new URL(url).origin}`);
    await p.page.waitForTimeout(20);
  }
  const wsBytes = p.ws().bytes;
  // The count once the list has settled (a few more frames: the virtualizer measures, then draws).
  await p.page.waitForTimeout(500);
  const times = await p.page.evaluate<FirstRowTimes>(READ_FIRST_ROW);
  return { ...times, wsBytes };
}

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  /** Frames that took longer than one and a half 60 Hz frames (a frame or more missed). */
  late: number;
  /** Main-thread task time per frame over the recording (ms, the mean). */
  busyPerFrame: number;
  /** Share of the recording the main thread was busy. */
  busyShare: number;
}

export async function scrollFrames(p: BenchPage, framesEachWay: number, limitMs: number): Promise<{ record: ScrollRecord; stats: FrameStats }> {
  const before = await p.metrics();
  const record = await p.page.evaluate<ScrollRecord>(scrollScript(framesEachWay, limitMs));
  const after = await p.metrics();
  return { record, stats: frameStats(record, after.taskSeconds - before.taskSeconds) };
}

export async function idleFrames(p: BenchPage, ms: number): Promise<{ stats: FrameStats; ws: { bytes: number; frames: number }; seconds: number }> {
  const before = await p.metrics();
  const wsBefore = p.ws();
  const record = await p.page.evaluate<FrameRecord>(idleFramesScript(ms));
  const after = await p.metrics();
  const wsAfter = p.ws();
  return {
    stats: frameStats(record, after.taskSeconds - before.taskSeconds),
    ws: { bytes: wsAfter.bytes - wsBefore.bytes, frames: wsAfter.frames - wsBefore.frames },
    seconds: record.elapsedMs / 1000,
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

function frameStats(record: FrameRecord, taskSeconds: number): FrameStats {
  const d = record.deltas;
  return {
    frames: d.length,
    p50: percentile(d, 50),
    p95: percentile(d, 95),
    max: d.length ? Math.max(...d) : Number.NaN,
    late: d.filter((x) => x > 25).length,
    busyPerFrame: d.length ? (taskSeconds * 1000) / d.length : Number.NaN,
    busyShare: record.elapsedMs > 0 ? (taskSeconds * 1000) / record.elapsedMs : Number.NaN,
  };
}

export const toMiB = (bytes: number): number => bytes / MiB;
