// What the add dialog makes of its box, line by line: a download (perhaps a numbered pattern
// making many), nothing (blank, comment), or a line to fix with the reason. The same parser as
// `haul get -i` (aria2's indented option lines included), so a list reads the same everywhere.
// A pasted curl command is read as one download with its headers.
import { isCurlCommand, parseCurlCommand } from '../../../../shared/curl-command';
import { parsePattern } from '../../../../shared/url-patterns';
import { parseUrlList, type UrlListEntry } from '../../../../shared/url-list';
import { reasonOf, type Reason } from './line-reasons';

export interface GoodLine {
  /** 1-based line in the box (the curl command's first line). */
  line: number;
  /** The address, or the pattern as typed when it makes several. */
  url: string;
  /** How many downloads the line makes (a pattern's expansion count; 1 otherwise). */
  count: number;
  /** The line is a pattern: expand `url` when adding. */
  pattern: boolean;
  mirrors?: string[];
  name?: string;
  dir?: string;
  headers?: Record<string, string>;
  checksum?: string;
}

export interface BadLine {
  line: number;
  reason: Reason;
}

export interface LineChecks {
  good: GoodLine[];
  bad: BadLine[];
  /** Downloads the good lines make in all. */
  total: number;
  /** Lines in the box. */
  lines: number;
}

export const NO_CHECKS: LineChecks = { good: [], bad: [], total: 0, lines: 0 };

/**
 * Lines grouped as a URL line followed by its indented option lines, or as a curl command with its
 * continuation lines (`\\` in bash, `^` in cmd, as browsers copy them), each with its first line number.
 */
export interface Block {
  line: number;
  lines: string[];
  curl?: boolean;
}

export function splitLines(text: string): string[] {
  return (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

const CONTINUED = /[\\^]\s*$/;

export function blocksOf(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (const [i, raw] of lines.entries()) {
    const last = blocks[blocks.length - 1];
    if (last?.curl) {
      if (CONTINUED.test(last.lines[last.lines.length - 1]!)) {
        last.lines.push(raw);
        continue;
      }
    } else if (last && (raw.startsWith(' ') || raw.startsWith('\t')) && raw.trim() !== '') {
      last.lines.push(raw);
      continue;
    }
    blocks.push(isCurlCommand(raw) ? { line: i + 1, lines: [raw], curl: true } : { line: i + 1, lines: [raw] });
  }
  return blocks;
}

function checkCurl(block: Block, out: LineChecks): void {
  const r = parseCurlCommand(block.lines.join('\n'));
  if (!r.ok) {
    out.bad.push({ line: block.line, reason: reasonOf(r.error) });
    return;
  }
  const good: GoodLine = { line: block.line, url: r.url, count: 1, pattern: false, headers: r.headers };
  if (r.name) good.name = r.name;
  out.good.push(good);
  out.total += 1;
}

/** Checks one block (a URL line and its option lines) into `out`. */
export function checkBlock(block: Block, out: LineChecks): void {
  if (block.curl) return checkCurl(block, out);
  const first = block.lines[0]!;
  const trimmed = first.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return;
  // A pattern's first address stands in for it, so `host[1-3].example.com` is checked as a host.
  const firstPart = trimmed.split('\t')[0]!;
  const pattern = parsePattern(firstPart);
  if (!pattern.ok) {
    out.bad.push({ line: block.line, reason: reasonOf(pattern.error) });
    return;
  }
  const sample = pattern.parts === null ? null : pattern.parts.map((p) => (p.kind === 'text' ? p.text : p.values(0))).join('');
  const text = sample === null ? block.lines.join('\n') : [trimmed.replace(firstPart, sample), ...block.lines.slice(1)].join('\n');
  const parsed = parseUrlList(text);
  for (const r of parsed.rejected) out.bad.push({ line: block.line + r.line - 1, reason: reasonOf(r.error) });
  const entry = parsed.entries[0];
  if (!entry || parsed.rejected.some((r) => r.line === 1)) return;
  const good = fromEntry(entry, block.line);
  if (sample !== null) {
    good.url = firstPart;
    good.count = pattern.count;
    good.pattern = true;
  }
  out.good.push(good);
  out.total += good.count;
}

function fromEntry(entry: UrlListEntry, line: number): GoodLine {
  const good: GoodLine = { line, url: entry.url, count: 1, pattern: false };
  if (entry.mirrors) good.mirrors = entry.mirrors;
  if (entry.out) good.name = entry.out;
  if (entry.dir) good.dir = entry.dir;
  if (entry.headers) good.headers = entry.headers;
  if (entry.checksum) good.checksum = entry.checksum;
  return good;
}

/** Every line at once (small texts, and tests): what the chunked check arrives at. */
export function checkText(text: string): LineChecks {
  const lines = splitLines(text);
  const out: LineChecks = { good: [], bad: [], total: 0, lines: lines.length };
  for (const block of blocksOf(lines)) checkBlock(block, out);
  return out;
}
