// Checks a long list a slice at a time, giving the page back between slices, so pasting or
// dropping 10,000 lines never freezes the window; a newer text stops an older check.
import { blocksOf, checkBlock, splitLines, type LineChecks } from './check-lines';

/** Waits until the browser is idle (or the next task, where there is no idle callback). */
export function nextIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 50 });
    else setTimeout(resolve, 0);
  });
}

export interface ChunkOptions {
  /** Lines per slice: small enough for a few milliseconds of work. */
  linesPerChunk?: number;
  signal?: AbortSignal;
  /** How to give the page back between slices (tests count the calls). */
  yieldTo?: () => Promise<void>;
  /** Called after each slice with what is known so far. */
  onProgress?: (partial: LineChecks) => void;
}

/** The same result as checkText, or null when the signal stopped it. */
export async function checkInChunks(text: string, options: ChunkOptions = {}): Promise<LineChecks | null> {
  const { linesPerChunk = 500, signal, yieldTo = nextIdle, onProgress } = options;
  const lines = splitLines(text);
  const out: LineChecks = { good: [], bad: [], total: 0, lines: lines.length };
  let sinceYield = 0;
  for (const block of blocksOf(lines)) {
    checkBlock(block, out);
    sinceYield += block.lines.length;
    if (sinceYield >= linesPerChunk) {
      sinceYield = 0;
      onProgress?.({ ...out, good: out.good.slice(), bad: out.bad.slice() });
      await yieldTo();
      if (signal?.aborted) return null;
    }
  }
  return out;
}
