// What runs inside the page, as plain JavaScript source: functions handed to page.evaluate would be
// serialized after tsx's transform, which may wrap them in helpers the page does not have.

/**
 * Before the app's own scripts: when the first job row enters the DOM, when the frame holding it
 * has rendered, and when the rows are the live UI's (haul serve's page first holds rows the server
 * drew, in a root marked data-prerendered until the app replaces them).
 */
export const FIRST_ROW_PROBE = `(() => {
  const probe = (window.__haulBench = { firstRowDom: null, firstRowDrawn: null, firstRowLive: null });
  const row = () => document.querySelector('[role="row"][data-row-id]');
  const check = () => {
    if (probe.firstRowDom === null && row()) {
      probe.firstRowDom = performance.now();
      // A task posted from the next animation frame runs after that frame's style, layout and paint.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { probe.firstRowDrawn = performance.now(); };
        channel.port2.postMessage(0);
      });
    }
    const root = document.getElementById('root');
    if (probe.firstRowDom !== null && root && !root.hasAttribute('data-prerendered') && row()) probe.firstRowLive = performance.now();
    return probe.firstRowLive !== null;
  };
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-prerendered'] });
})()`;

export const FIRST_ROW_DRAWN = "Boolean(window.__haulBench && window.__haulBench.firstRowDrawn !== null)";

/** The live UI holds the whole list: its grid counts every job (and the header row). */
export const wholeListShown = (jobs: number): string =>
  `Boolean(window.__haulBench && window.__haulBench.firstRowLive !== null && document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '${jobs + 1}')`;

export interface FirstRowTimes {
  firstRowDom: number;
  firstRowDrawn: number;
  /** When the rows were the live UI's (null: not yet). */
  firstRowLive: number | null;
  domElements: number;
  rowsInDom: number;
}

export const READ_FIRST_ROW = `(() => ({
  firstRowDom: window.__haulBench.firstRowDom,
  firstRowDrawn: window.__haulBench.firstRowDrawn,
  firstRowLive: window.__haulBench.firstRowLive,
  domElements: document.getElementsByTagName('*').length,
  rowsInDom: document.querySelectorAll('[role="row"][data-row-id]').length,
}))()`;

/** The mark a trace finds the recording by: its time in the trace's clock and in the page's. */
export const FRAMES_MARK = 'haul-bench-frames';

export interface FrameRecord {
  /** Each animation frame's time (performance.now() clock, ms). */
  times: number[];
  /** When FRAMES_MARK was set (the same clock). */
  markMs: number;
  /** ms the recording lasted. */
  elapsedMs: number;
}

export interface ScrollRecord extends FrameRecord {
  scrollRange: number;
  stepPx: number;
  /** The highest aria-rowindex drawn at the bottom (the last job's is its count + 1). */
  lastRowIndex: number;
  /** Trips completed (2: top to bottom and back). */
  legs: number;
}

/** The list's scroll element moves by the same amount every frame, top to bottom and back. */
export function scrollScript(framesEachWay: number, limitMs: number): string {
  return `(async () => {
  const el = document.querySelector('[role="grid"]');
  const range = el.scrollHeight - el.clientHeight;
  const step = Math.max(1, Math.ceil(range / ${framesEachWay}));
  el.scrollTop = 0;
  const times = [];
  let dir = 1, legs = 0, lastRowIndex = 0;
  const markMs = performance.mark('${FRAMES_MARK}').startTime;
  const started = performance.now();
  await new Promise((resolve) => {
    const frame = (t) => {
      times.push(t);
      if (legs === 2 || performance.now() - started > ${limitMs}) return resolve();
      if (dir > 0 && el.scrollTop >= range) {
        for (const r of document.querySelectorAll('[role="row"][aria-rowindex]')) lastRowIndex = Math.max(lastRowIndex, Number(r.getAttribute('aria-rowindex')));
        dir = -1; legs++;
      } else if (dir < 0 && el.scrollTop <= 0) {
        legs++;
      }
      el.scrollTop = Math.min(range, Math.max(0, el.scrollTop + dir * step));
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return { times, markMs, elapsedMs: performance.now() - started, scrollRange: range, stepPx: step, lastRowIndex, legs };
})()`;
}

/** Animation frames while nothing but the app itself runs, for `ms`. */
export function idleFramesScript(ms: number): string {
  return `(async () => {
  const times = [];
  const markMs = performance.mark('${FRAMES_MARK}').startTime;
  const started = performance.now();
  await new Promise((resolve) => {
    const frame = (t) => {
      times.push(t);
      if (performance.now() - started >= ${ms}) return resolve();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return { times, markMs, elapsedMs: performance.now() - started };
})()`;
}

/** The list moves `stepPx` every frame for `frames` frames from where it is, down (a wheel or trackpad pace). */
export function steadyScrollScript(stepPx: number, frames: number): string {
  return `(async () => {
  const el = document.querySelector('[role="grid"]');
  el.scrollTop = 0;
  const times = [];
  const markMs = performance.mark('${FRAMES_MARK}').startTime;
  const started = performance.now();
  await new Promise((resolve) => {
    const frame = (t) => {
      times.push(t);
      if (times.length > ${frames}) return resolve();
      el.scrollTop += ${stepPx};
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return { times, markMs, elapsedMs: performance.now() - started };
})()`;
}
