// From checked lines and the dialog's options to jobs.add items (patterns expanded), and back:
// the engine rejects items by index, which map to the lines that stay in the box to be fixed.
import type { AddJobInput, AddJobsOutput } from '../../../../shared/api/contract';
import { expandPattern } from '../../../../shared/url-patterns';
import { blocksOf, splitLines, type BadLine, type LineChecks } from './check-lines';
import { engineReason, type Reason } from './line-reasons';

/** jobs.add takes at most this many items in one call. */
export const MAX_ITEMS = 100_000;

export interface DialogOptions {
  dir?: string;
  /** Only with a single download. */
  name?: string;
  connections?: number;
  speedLimit?: number;
  checksum?: string;
  /** Only with a single download. */
  mirrors?: string[];
  extract?: boolean;
  headers?: Record<string, string>;
  paused?: boolean;
}

export interface Batch {
  items: AddJobInput[];
  /** The box line each item came from. */
  lineOf: number[];
}

export function buildItems(checks: LineChecks, options: DialogOptions): Batch {
  const single = checks.total === 1;
  const batch: Batch = { items: [], lineOf: [] };
  for (const good of checks.good) {
    const urls = good.pattern ? expandUrls(good.url) : [good.url];
    for (const url of urls) {
      const item: AddJobInput = { url };
      const dir = good.dir ?? options.dir;
      if (dir) item.dir = dir;
      const name = (single ? options.name : undefined) || good.name;
      if (name) item.name = name;
      if (options.connections) item.connections = options.connections;
      if (options.speedLimit) item.speedLimit = options.speedLimit;
      const checksum = (single ? options.checksum : undefined) || good.checksum;
      if (checksum) item.checksum = checksum;
      const mirrors = [...(good.mirrors ?? []), ...(single ? (options.mirrors ?? []) : [])];
      if (mirrors.length > 0) item.mirrors = mirrors;
      if (options.extract !== undefined) item.extract = options.extract;
      // The line's own headers (a curl command's, an aria2 `header=`) win over the dialog's.
      const headers = mergeHeaders(options.headers, good.headers);
      if (Object.keys(headers).length > 0) item.headers = headers;
      if (options.paused) item.paused = true;
      batch.items.push(item);
      batch.lineOf.push(good.line);
    }
  }
  return batch;
}

/** `over` wins, names compared without case (a curl command's `referer` replaces the dialog's `Referer`). */
export function mergeHeaders(base: Record<string, string> | undefined, over: Record<string, string> | undefined): Record<string, string> {
  const taken = new Set(Object.keys(over ?? {}).map((k) => k.toLowerCase()));
  const kept = Object.entries(base ?? {}).filter(([k]) => !taken.has(k.toLowerCase()));
  return { ...Object.fromEntries(kept), ...over };
}

function expandUrls(pattern: string): string[] {
  const expanded = expandPattern(pattern);
  return expanded.ok ? expanded.urls : [pattern];
}

export interface AfterAdd {
  /** What stays in the box: the lines to fix, each block with its option lines, in their order. */
  text: string;
  /** Why each engine-refused line was refused, by its trimmed text (a local check would pass it). */
  refused: Map<string, Reason>;
  added: number;
}

/**
 * The box after jobs.add: lines the dialog found bad, and lines any of whose items the engine
 * refused, stay; the rest were added and leave. A pattern line stays whole if any address of it
 * was refused (its other addresses were added; the reason says which went wrong).
 */
export function afterAdd(text: string, checks: LineChecks, batch: Batch, out: AddJobsOutput): AfterAdd {
  const badLines = new Set(checks.bad.map((b: BadLine) => b.line));
  const refusedAt = new Map<number, Reason>();
  for (const r of out.rejected) {
    const line = batch.lineOf[r.index];
    if (line !== undefined && !refusedAt.has(line)) refusedAt.set(line, engineReason(r.error.message));
  }
  const kept: string[] = [];
  const refused = new Map<string, Reason>();
  for (const block of blocksOf(splitLines(text))) {
    const lines = block.lines.map((_, i) => block.line + i);
    const reason = refusedAt.get(block.line);
    if (reason) refused.set(block.lines[0]!.trim(), reason);
    if (reason || lines.some((l) => badLines.has(l))) kept.push(...block.lines);
  }
  return { text: kept.join('\n'), refused, added: out.ids.length };
}

/** Marks lines the engine refused as bad again (until they are edited). */
export function withRefusals(checks: LineChecks, lines: string[], refused: ReadonlyMap<string, Reason>): LineChecks {
  if (refused.size === 0) return checks;
  const good = [];
  const bad = checks.bad.slice();
  let total = 0;
  for (const g of checks.good) {
    const reason = refused.get(lines[g.line - 1]?.trim() ?? '');
    if (reason) bad.push({ line: g.line, reason });
    else {
      good.push(g);
      total += g.count;
    }
  }
  bad.sort((a, b) => a.line - b.line);
  return { ...checks, good, bad, total };
}
