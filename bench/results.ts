// What a run produced: medians per case and client, throughput, and the ratio to the case's
// reference (aria2c for downloads, GNU tar / unzip for extraction, one worker for the pool).
import type { CaseId } from './options';

const MiB = 1024 * 1024;

export interface RunRecord {
  repeat: number;
  seconds: number;
  ok: boolean;
  /** Why it failed: exit code, timeout, verification. */
  error: string | null;
  peakRssKiB: number | null;
  /** Haul only, from its JSON lines: spawn → first job added, and first added → last completed. */
  startupSeconds: number | null;
  transferSeconds: number | null;
  /** Average busy CPUs of the whole machine during the run (Linux), others' work included. */
  cpuBusy?: number | null;
  /** What a case measures beyond the wall time (loop delay percentiles, latency), numbers only. */
  details?: Record<string, number | null>;
}

export interface ClientResult {
  caseId: CaseId;
  client: string;
  label: string;
  bytes: number;
  files: number;
  runs: RunRecord[];
  /** Every run verified. */
  ok: boolean;
  /** Median over the runs that verified; null when none did. */
  seconds: number | null;
  mibPerSec: number | null;
  /** The client this row is compared with in the same case (null: none). */
  ref: string | null;
  /** seconds ÷ the reference's seconds: below 1 is faster than the reference. */
  vsRef: number | null;
  peakRssKiB: number | null;
  /** Haul only: median of its own first-job-added → last-completed time, i.e. without start-up. */
  transferSeconds: number | null;
  /** Median of each detail over the runs that verified. */
  details: Record<string, number | null> | null;
  /** Median of the runs' cpuBusy. */
  cpuBusy: number | null;
}


export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface RowSpec {
  caseId: CaseId;
  client: string;
  label: string;
  bytes: number;
  files: number;
  /** Default: aria2c. */
  ref?: string | null;
}

export function summarize(row: RowSpec, runs: RunRecord[]): ClientResult {
  const good = runs.filter((r) => r.ok);
  const seconds = median(good.map((r) => r.seconds));
  const rss = runs.map((r) => r.peakRssKiB).filter((v): v is number => v !== null);
  return {
    ...row,
    ref: row.ref === undefined ? 'aria2c' : row.ref,
    runs,
    ok: runs.length > 0 && good.length === runs.length,
    seconds,
    mibPerSec: seconds === null ? null : row.bytes / MiB / seconds,
    vsRef: null,
    peakRssKiB: rss.length ? Math.max(...rss) : null,
    transferSeconds: median(good.map((r) => r.transferSeconds).filter((v): v is number => v !== null)),
    details: medianDetails(good),
    cpuBusy: median(good.map((r) => r.cpuBusy).filter((v): v is number => typeof v === 'number')),
  };
}

function medianDetails(runs: readonly RunRecord[]): Record<string, number | null> | null {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.details ?? {})))];
  if (keys.length === 0) return null;
  const values = (k: string): number[] => runs.map((r) => r.details?.[k]).filter((v): v is number => typeof v === 'number');
  return Object.fromEntries(keys.map((k) => [k, median(values(k))]));
}

/** Fills in vsRef from the reference row of the same case. */
export function relateToReference(results: ClientResult[]): void {
  for (const r of results) {
    const ref = r.ref === null || r.ref === r.client ? undefined : results.find((x) => x.caseId === r.caseId && x.client === r.ref);
    r.vsRef = ref?.seconds && r.seconds !== null && ref.ok ? r.seconds / ref.seconds : null;
  }
}

/** A run that did not happen or did not count, for a case measured in this process. */
export function failedRun(repeat: number, seconds: number, error: string): RunRecord {
  return { repeat, seconds, ok: false, error, peakRssKiB: null, startupSeconds: null, transferSeconds: null };
}

