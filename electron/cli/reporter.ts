// What `haul get` prints. Three forms of the same events: JSON lines (--json), live bars on a
// terminal, and plain lines when stdout is a pipe or a file.
import { basename } from 'node:path';
import type { ErrorInfo } from '../../shared/errors';
import { displayUrl, formatBytes, formatEta, formatPercent, formatRetry, formatSpeed, retryCountdown } from '../../shared/format';
import type { JobSnapshot, RetryWait } from '../../shared/models/job';

export interface Summary {
  completed: number;
  failed: number;
  rejected: number;
  /** Bytes fetched in this run (not those a continued download had before), and the run's length. */
  fetched: number;
  seconds: number;
}

export interface Reporter {
  added(job: JobSnapshot): void;
  rejected(input: string, line: number | null, error: string): void;
  progress(jobs: JobSnapshot[]): void;
  completed(job: JobSnapshot, size: number, resumedNote?: string): void;
  failed(job: JobSnapshot, error: ErrorInfo): void;
  /** A sentence for people (not in --json, which has its own lines for everything). */
  notice(text: string): void;
  summary(s: Summary): void;
}

type Write = (s: string) => void;

export function jsonReporter(write: Write): Reporter {
  const line = (o: object): void => write(`${JSON.stringify(o)}\n`);
  return {
    // URLs as displayUrl shows them: a password (typed, or from --netrc) never reaches the output.
    added: (j) => line({ type: 'added', id: j.id, url: displayUrl(j.url) }),
    rejected: (input, l, error) => line(l === null ? { type: 'rejected', input, error } : { type: 'rejected', input, line: l, error }),
    progress: (jobs) => {
      for (const j of jobs) {
        if (j.phase === null) continue;
        const stage = j.stage ? { stage: j.stage } : {};
        const retry = j.retry ? { retry: j.retry } : {};
        line({ type: 'progress', id: j.id, phase: j.phase, received: j.received, total: j.total, speed: Math.round(j.speed), ...stage, ...retry });
      }
    },
    completed: (j, size) =>
      line({
        type: 'completed',
        id: j.id,
        url: displayUrl(j.url),
        path: j.path,
        size,
        ...(j.checksum ? { checksum: j.checksum } : {}),
        ...(j.extractedTo ? { extractedTo: j.extractedTo } : {}),
      }),
    failed: (j, error) => line({ type: 'failed', id: j.id, url: displayUrl(j.url), error }),
    notice: () => undefined,
    summary: (s) => line({ type: 'summary', completed: s.completed, failed: s.failed, rejected: s.rejected }),
  };
}

function label(j: JobSnapshot): string {
  return j.name ?? basename(new URL(j.url).pathname) ?? displayUrl(j.url);
}

export function plainReporter(write: Write, err: Write): Reporter {
  const lastPrinted = new Map<string, number>();
  return {
    added: () => undefined,
    rejected: (input, l, error) => err(`rejected${l === null ? '' : ` line ${l}`}: ${error}: ${input}\n`),
    progress: (jobs) => {
      // A line every 5 s per download is enough for a log file.
      const now = Date.now();
      for (const j of jobs) {
        if (!isBusy(j) || now - (lastPrinted.get(j.id) ?? 0) < 5000) continue;
        lastPrinted.set(j.id, now);
        if (j.status === 'verifying') write(`${label(j)}: verifying${j.stage ? `, ${formatPercent(j.stage.done, j.stage.total)}` : ''}\n`);
        else if (j.status === 'extracting') write(`${label(j)}: extracting, ${j.stage?.entries ?? 0} entries\n`);
        else if (j.retry) write(`${label(j)}: ${j.retry.reason}; ${formatRetry(j.retry, now)}\n`);
        else if (j.received === 0 && j.total === null) write(`${label(j)}: connecting\n`);
        else write(`${label(j)}: ${formatPercent(j.received, j.total)} ${formatBytes(j.received)} at ${formatSpeed(j.speed)}, ETA ${formatEta(j.eta)}\n`);
      }
    },
    completed: (j, size) => write(`done: ${j.path} (${formatBytes(size)})\n`),
    failed: (j, e) => err(`failed: ${displayUrl(j.url)}: ${e.message} [${e.code}]\n${nextStepHint(j, e)}`),
    notice: (text) => write(`${text}\n`),
    summary: (s) => write(summaryLine(s)),
  };
}

export function ttyReporter(write: Write, err: Write, columns: () => number): Reporter {
  const active = new Map<string, JobSnapshot>();
  let drawn = 0;
  const clear = (): void => {
    if (drawn > 0) write(`\x1b[${drawn}A\x1b[0J`);
    drawn = 0;
  };
  const draw = (): void => {
    clear();
    const width = Math.max(40, columns());
    for (const j of active.values()) {
      write(`${bar(j, width)}\n`);
      drawn++;
    }
  };
  const above = (text: string, to: Write): void => {
    clear();
    to(text);
    draw();
  };
  return {
    added: () => undefined,
    rejected: (input, l, error) => above(`rejected${l === null ? '' : ` line ${l}`}: ${error}: ${input}\n`, err),
    progress: (jobs) => {
      for (const j of jobs) if (isBusy(j)) active.set(j.id, j);
      draw();
    },
    completed: (j, size) => {
      active.delete(j.id);
      above(`✔ ${j.path} (${formatBytes(size)})\n`, write);
    },
    failed: (j, e) => {
      active.delete(j.id);
      above(`✘ ${displayUrl(j.url)}: ${e.message}\n${nextStepHint(j, e)}`, err);
    },
    notice: (text) => above(`${text}\n`, write),
    summary: (s) => {
      clear();
      write(summaryLine(s));
    },
  };
}

/**
 * What a user can do about a failed download that kept bytes: run the command again, or, when
 * the server refused the link (often an expired signed link), give the new link the same name;
 * credentials the desktop app sealed can be given again.
 */
export function nextStepHint(j: JobSnapshot, e: ErrorInfo): string {
  if (e.code === 'HAUL_E_CREDENTIALS_SEALED') {
    const kept = j.received > 0 ? ` (the ${formatBytes(j.received)} kept are used)` : '';
    return `  to give them here, run haul get with its address, password and --header options as when it was added${kept}.\n`;
  }
  // A wrong checksum or a failed extraction is not about missing bytes.
  if (j.received <= 0 || !j.resumable || j.name === null || j.completedAt !== null || e.code === 'HAUL_E_CHECKSUM_MISMATCH') return '';
  const kept = `  ${formatBytes(j.received)} kept`;
  if (e.httpStatus === 401 || e.httpStatus === 403 || e.httpStatus === 410) {
    return `${kept}: if the link expired, run again with the new link and -o '${j.name.replace(/'/g, "'\\''")}' to continue.\n`;
  }
  return `${kept}: run the same command again to continue.\n`;
}

/** `3 completed, 0 failed, 0 rejected; 1.20 GiB in 14.2 s (86.5 MiB/s)` (two decimals under 10 s) */
export function summaryLine(s: Summary): string {
  const counts = `${s.completed} completed, ${s.failed} failed, ${s.rejected} rejected`;
  if (s.fetched <= 0 || s.seconds <= 0) return `${counts}\n`;
  const took = s.seconds < 10 ? s.seconds.toFixed(2) : s.seconds.toFixed(1);
  return `${counts}; ${formatBytes(s.fetched)} in ${took} s (${formatSpeed(s.fetched / s.seconds)})\n`;
}

function isBusy(j: JobSnapshot): boolean {
  return j.status === 'active' || j.status === 'verifying' || j.status === 'extracting';
}

/** `retry 2/5 in 4s`: what fits in a progress bar (the reason goes to the plain and JSON forms). */
function retryBrief(wait: RetryWait, now: number): string {
  return `retry ${wait.attempt + 1}/${wait.maxTries}${retryCountdown(wait.at, now)}`;
}

function bar(j: JobSnapshot, width: number): string {
  const stats =
    j.status === 'verifying'
      ? ' verifying…'.padEnd(30)
      : j.status === 'extracting'
        ? ` extracting ${j.stage?.entries ?? 0} entries`.padEnd(30)
        : j.retry
          ? ` ${formatPercent(j.received, j.total).padStart(6)} ${retryBrief(j.retry, Date.now())}`.padEnd(30)
          : ` ${formatPercent(j.received, j.total).padStart(6)} ${formatSpeed(j.speed).padStart(11)} ETA ${formatEta(j.eta).padEnd(7)}`;
  const nameWidth = Math.min(30, Math.max(10, width - stats.length - 22));
  const name = truncate(label(j), nameWidth).padEnd(nameWidth);
  const barWidth = Math.max(10, width - nameWidth - stats.length - 3);
  const [done, total] = (j.status === 'extracting' || j.status === 'verifying') && j.stage ? [j.stage.done, j.stage.total] : [j.received, j.total];
  const frac = total ? Math.min(1, done / total) : 0;
  const filled = Math.round(frac * barWidth);
  return `${name} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${stats}`;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
