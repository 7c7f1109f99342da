// Issue 14's UI bench, in Debian's Chromium against `haul serve`'s web server on loopback (real
// engine, real SQLite file). Two scenes, each in a fresh browser context:
//  - 10,000 jobs in the store: time from navigation to the first rows drawn, DOM elements, and
//    frame times while the list scrolls top to bottom and back by a steady amount per frame;
//  - 100 downloads running over several connections each, bytes trickling from loopback servers:
//    frame times with nothing but the updates streaming, WebSocket bytes per second, JS heap.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../test/helpers/chromium';
import { failedRun, summarize, type ClientResult, type RunRecord } from './results';
import { idleFrames, openBenchPage, openUntilFirstRows, scrollFrames, steadyScrollFrames, toMiB } from './ui-browser';
import { seedJobs, startTrickleServers, startUiServer } from './ui-fixture';

export const UI_JOBS = 10_000;
export const UI_ACTIVE = 100;
export const UI_CONNECTIONS = 4;
/** Loopback addresses the 100 downloads are spread over (25 each, 100 connections per host). */
const UI_HOSTS = 4;
/** Top to bottom in this many frames: ~3 s each way at 60 Hz, new rows on every frame. */
export const SCROLL_FRAMES_EACH_WAY = 180;
/** A bound, not a target: ~360 frames take 20-30 s here when each costs 60-80 ms. */
const SCROLL_LIMIT_MS = 90_000;
/** Beside it, not judged: a wheel's pace, 3 rows a frame (7,200 px/s at 60 Hz) for 2 s. */
export const STEADY_STEP_PX = 120;
const STEADY_FRAMES = 120;
export const IDLE_WINDOW_MS = 10_000;
/** Before the window: the list drawn, every download under way, the first ticks past. */
const SETTLE_MS = 2_000;
const FIRST_ROWS_TIMEOUT_MS = 30_000;
const ACTIVE_TIMEOUT_MS = 60_000;

export async function runUiCase(workDir: string, repeat: number, log: (s: string) => void): Promise<ClientResult[]> {
  const runs = { list: [] as RunRecord[], active: [] as RunRecord[] };
  const fail = (rep: number, err: unknown, only?: RunRecord[]): void => {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    for (const list of only ? [only] : [runs.list, runs.active]) if (list.length < rep) list.push(failedRun(rep, 0, message));
    log(`  #${rep}: FAILED: ${message}`);
  };
  let browser: Browser | null = null;
  try {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing: nothing at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium) or set HAUL_CHROMIUM.`);
    await buildUi();
    browser = await launchChromium();
    log(`  Chromium ${browser.version()} (${CHROMIUM}), headless, software rendering (--disable-gpu)`);
    for (let rep = 1; rep <= repeat; rep++) {
      // One scene failing leaves the other's numbers standing.
      await listScene(browser, join(workDir, 'ui', `list-${rep}`), rep, log).then((r) => runs.list.push(r), (err: unknown) => fail(rep, err, runs.list));
      await activeScene(browser, join(workDir, 'ui', `active-${rep}`), rep, log).then((r) => runs.active.push(r), (err: unknown) => fail(rep, err, runs.active));
    }
  } catch (err) {
    for (let rep = runs.list.length + 1; rep <= repeat; rep++) fail(rep, err);
  } finally {
    await browser?.close().catch(() => undefined);
  }
  const row = { caseId: 'ui' as const, bytes: 0, ref: null };
  return [
    summarize({ ...row, files: UI_JOBS, client: 'ui-list', label: `${UI_JOBS.toLocaleString('en')} jobs: first rows drawn, then scrolled top to bottom and back` }, runs.list),
    summarize({ ...row, files: UI_ACTIVE, client: 'ui-active', label: `${UI_ACTIVE} downloads running: ${IDLE_WINDOW_MS / 1000} s of updates streaming` }, runs.active),
  ].map((r) => ({ ...r, mibPerSec: null }));
}

async function listScene(browser: Browser, dir: string, rep: number, log: (s: string) => void): Promise<RunRecord> {
  await mkdir(dir, { recursive: true });
  const load = loadavg()[0]!;
  const seeded = performance.now();
  const server = await startUiServer(dir, {}, (store, downloads) => seedJobs(store, downloads, UI_JOBS));
  const seedMs = performance.now() - seeded;
  try {
    const p = await openBenchPage(browser);
    try {
      const first = await openUntilFirstRows(p, server.url, UI_JOBS, FIRST_ROWS_TIMEOUT_MS);
      const { record, stats } = await scrollFrames(p, SCROLL_FRAMES_EACH_WAY, SCROLL_LIMIT_MS);
      const steady = (await steadyScrollFrames(p, STEADY_STEP_PX, STEADY_FRAMES)).stats;
      const heap = (await p.metrics()).heapUsed;
      const heapGc = await p.heapAfterGc();
      if (record.legs < 2) throw new Error(`the scroll did not go down and back within ${SCROLL_LIMIT_MS / 1000} s (${record.legs} of 2 legs)`);
      log(
        `  #${rep}: ${UI_JOBS.toLocaleString('en')} jobs (store and engine ready in ${(seedMs / 1000).toFixed(1)} s): first rows drawn at ${first.firstRowDrawn.toFixed(0)} ms ` +
          `(live at ${first.firstRowLive?.toFixed(0) ?? '?'} ms; list asked at ${first.listAskedMs?.toFixed(0) ?? '?'} ms, answered at ${first.listAnsweredMs?.toFixed(0) ?? '?'} ms, ${(first.wsBytes / 1024).toFixed(0)} KiB over the WebSocket; rows in the DOM at ${first.firstRowDom.toFixed(0)} ms), ${first.domElements} elements, ${first.rowsInDom} rows; ` +
          `scroll ${stats.frames} frames at ${record.stepPx} px: p50 ${stats.p50.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms, max ${stats.max.toFixed(0)} ms, main-thread work a frame p50 ${stats.workP50.toFixed(1)} ms; at ${STEADY_STEP_PX} px a frame p95 ${steady.p95.toFixed(1)} ms, work p50 ${steady.workP50.toFixed(1)} ms; heap ${toMiB(heap).toFixed(1)} MiB`,
      );
      return {
        repeat: rep, seconds: first.firstRowDrawn / 1000, ok: true, error: null, peakRssKiB: null, startupSeconds: null, transferSeconds: null,
        details: {
          firstRowDrawnMs: first.firstRowDrawn, firstRowDomMs: first.firstRowDom, firstRowLiveMs: first.firstRowLive, listAskedMs: first.listAskedMs, listAnsweredMs: first.listAnsweredMs, listKiB: first.wsBytes / 1024, domElements: first.domElements, rowsInDom: first.rowsInDom,
          scrollFrames: stats.frames, scrollP50Ms: stats.p50, scrollP95Ms: stats.p95, scrollMaxMs: stats.max, scrollLateFrames: stats.late,
          scrollWorkP50Ms: stats.workP50, scrollWorkP95Ms: stats.workP95, scrollBusyShare: stats.busyShare, scrollStepPx: record.stepPx, scrollSeconds: record.elapsedMs / 1000, lastRowIndex: record.lastRowIndex,
          steadyP50Ms: steady.p50, steadyP95Ms: steady.p95, steadyLateFrames: steady.late, steadyFrames: steady.frames, steadyWorkP50Ms: steady.workP50, steadyWorkP95Ms: steady.workP95,
          heapMiB: toMiB(heap), heapAfterGcMiB: toMiB(heapGc), load1: load, load1End: loadavg()[0]!,
        },
      };
    } finally {
      await p.close();
    }
  } finally {
    await server.close();
  }
}

async function activeScene(browser: Browser, dir: string, rep: number, log: (s: string) => void): Promise<RunRecord> {
  await mkdir(dir, { recursive: true });
  const trickle = await startTrickleServers(UI_HOSTS);
  try {
    const settings = { maxJobs: UI_ACTIVE, connectionsPerJob: UI_CONNECTIONS, maxPerHost: (UI_ACTIVE / UI_HOSTS) * UI_CONNECTIONS };
    const server = await startUiServer(dir, settings, () => undefined);
    try {
      const items = Array.from({ length: UI_ACTIVE }, (_, i) => ({ url: `${trickle.urls[i % UI_HOSTS]}/video-${String(i).padStart(3, '0')}.mp4`, connections: UI_CONNECTIONS }));
      const { added } = server.engine.addJobs(items);
      if (added.length !== UI_ACTIVE) throw new Error(`the engine took ${added.length} of ${UI_ACTIVE} downloads`);
      const p = await openBenchPage(browser);
      try {
        const opened = performance.now();
        await openUntilFirstRows(p, server.url, UI_ACTIVE, FIRST_ROWS_TIMEOUT_MS);
        const running = await untilRunning(server.engine, ACTIVE_TIMEOUT_MS);
        await p.page.waitForTimeout(SETTLE_MS);
        const load = loadavg()[0]!;
        const idle = await idleFrames(p, IDLE_WINDOW_MS);
        const heap = (await p.metrics()).heapUsed;
        const heapGc = await p.heapAfterGc();
        const open = (performance.now() - opened) / 1000;
        const jobs = server.engine.list();
        const connections = jobs.reduce((n, j) => n + j.activeConnections, 0);
        const bytesPerSec = idle.ws.bytes / idle.seconds;
        log(
          `  #${rep}: ${running} downloads running (${connections} connections at the end): frames p50 ${idle.stats.p50.toFixed(1)} ms, p95 ${idle.stats.p95.toFixed(1)} ms, ` +
            `main-thread work a frame p50 ${idle.stats.workP50.toFixed(1)} ms, p95 ${idle.stats.workP95.toFixed(1)} ms; WebSocket ${(bytesPerSec / 1024).toFixed(1)} KiB/s in ${(idle.ws.frames / idle.seconds).toFixed(1)} messages/s; ` +
            `heap ${toMiB(heap).toFixed(1)} MiB (${toMiB(heapGc).toFixed(1)} MiB after GC) after ${open.toFixed(0)} s`,
        );
        return {
          repeat: rep, seconds: idle.seconds, ok: true, error: null, peakRssKiB: null, startupSeconds: null, transferSeconds: null,
          details: {
            running, connections, idleFrames: idle.stats.frames, idleP50Ms: idle.stats.p50, idleP95Ms: idle.stats.p95, idleMaxMs: idle.stats.max, idleLateFrames: idle.stats.late,
            idleWorkP50Ms: idle.stats.workP50, idleWorkP95Ms: idle.stats.workP95, idleBusyShare: idle.stats.busyShare,
            wsBytesPerSec: bytesPerSec, wsMessagesPerSec: idle.ws.frames / idle.seconds,
            heapMiB: toMiB(heap), heapAfterGcMiB: toMiB(heapGc), pageOpenSeconds: open, load1: load, load1End: loadavg()[0]!,
          },
        };
      } finally {
        await p.close();
      }
    } finally {
      await server.close();
    }
  } finally {
    trickle.close();
  }
}

/** Waits until every download is running with more than one connection; answers how many run. */
async function untilRunning(engine: { list(): { status: string; activeConnections: number }[] }, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = engine.list();
    const running = jobs.filter((j) => j.status === 'active' && j.activeConnections > 1).length;
    if (running === UI_ACTIVE) return running;
    if (Date.now() > deadline) throw new Error(`only ${running} of ${UI_ACTIVE} downloads were running over several connections after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The renderer `haul serve` serves, built from the sources being measured. */
function buildUi(): Promise<void> {
  const script = fileURLToPath(new URL('../electron/tools/build-renderer.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script], (err, _out, stderr) => (err ? reject(new Error(`building the UI failed: ${stderr || err.message}`)) : resolve()));
  });
}
