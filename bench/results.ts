// What a run produced and the targets computed from it: medians per case and client,
// throughput, the ratio to aria2c, and PASS/FAIL for Haul.
import type { CaseId } from './options';
import { CAP_RATE } from './servers';

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
  /** seconds ÷ aria2c's seconds in the same case: below 1 is faster than aria2c. */
  vsAria2c: number | null;
  peakRssKiB: number | null;
  /** Haul only: median of its own first-job-added → last-completed time, i.e. without start-up. */
  transferSeconds: number | null;
}

/** N/A: the reference (aria2c) did not run; INFO: printed, not judged. */
export type Verdict = 'PASS' | 'FAIL' | 'N/A' | 'INFO';

export interface Target {
  caseId: CaseId | null;
  name: string;
  verdict: Verdict;
  detail: string;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarize(caseId: CaseId, client: string, label: string, bytes: number, files: number, runs: RunRecord[]): ClientResult {
  const good = runs.filter((r) => r.ok);
  const seconds = median(good.map((r) => r.seconds));
  const rss = runs.map((r) => r.peakRssKiB).filter((v): v is number => v !== null);
  return {
    caseId, client, label, bytes, files, runs,
    ok: runs.length > 0 && good.length === runs.length,
    seconds,
    mibPerSec: seconds === null ? null : bytes / MiB / seconds,
    vsAria2c: null,
    peakRssKiB: rss.length ? Math.max(...rss) : null,
    transferSeconds: median(good.map((r) => r.transferSeconds).filter((v): v is number => v !== null)),
  };
}

/** Fills in vsAria2c from the aria2c row of the same case. */
export function relateToAria2c(results: ClientResult[]): void {
  for (const r of results) {
    const ref = results.find((x) => x.caseId === r.caseId && x.client === 'aria2c');
    r.vsAria2c = ref?.seconds && r.seconds !== null && ref.ok ? r.seconds / ref.seconds : null;
  }
}

/** 256 MiB over 16 connections capped at 8 MiB/s each: 128 MiB/s, so 2 s in theory. */
export const CAPPED_CONNECTIONS = 16;
export const CAP_SHARE = 0.98;
export const cappedLimitMiBps = (CAPPED_CONNECTIONS * CAP_RATE) / MiB;

export function computeTargets(results: readonly ClientResult[], cases: readonly CaseId[]): Target[] {
  const get = (c: CaseId, client: string): ClientResult | undefined => results.find((r) => r.caseId === c && r.client === client);
  const targets: Target[] = [];
  const fmt = (s: number | null): string => (s === null ? '—' : `${s.toFixed(2)} s`);
  const vsAria = (c: CaseId, factor: number, name: string): Target => {
    const h = get(c, 'haul');
    const a = get(c, 'aria2c');
    if (!h?.ok || h.seconds === null) return { caseId: c, name, verdict: 'FAIL', detail: `haul ${h ? 'failed' : 'did not run'}` };
    if (!a?.ok || a.seconds === null) return { caseId: c, name, verdict: 'N/A', detail: `aria2c ${a ? 'failed' : 'not run'}; haul ${fmt(h.seconds)}` };
    const limit = a.seconds * factor;
    return { caseId: c, name, verdict: h.seconds <= limit ? 'PASS' : 'FAIL', detail: `haul ${fmt(h.seconds)} vs limit ${fmt(limit)} (aria2c ${fmt(a.seconds)})` };
  };

  if (cases.includes('capped')) {
    const h = get('capped', 'haul');
    const need = cappedLimitMiBps * CAP_SHARE;
    const name = `capped: ≥ ${CAP_SHARE * 100}% of ${CAPPED_CONNECTIONS} × 8 MiB/s (≥ ${need.toFixed(1)} MiB/s)`;
    if (!h?.ok || h.mibPerSec === null) targets.push({ caseId: 'capped', name, verdict: 'FAIL', detail: 'haul failed' });
    else {
      const maxSeconds = h.bytes / MiB / need;
      const t = h.transferSeconds;
      const transfer = t === null ? '' : `; transfer alone ${fmt(t)} = ${(h.bytes / MiB / t).toFixed(1)} MiB/s`;
      targets.push({
        caseId: 'capped', name,
        verdict: h.mibPerSec >= need ? 'PASS' : 'FAIL',
        detail: `haul ${h.mibPerSec.toFixed(1)} MiB/s, ${fmt(h.seconds)} (limit ${fmt(maxSeconds)})${transfer}`,
      });
    }
    targets.push(vsAria('capped', 1, 'capped: no slower than aria2c'));
  }
  if (cases.includes('big')) targets.push(vsAria('big', 1, '1 GiB: no slower than aria2c'));
  if (cases.includes('small')) targets.push(vsAria('small', 0.5, '1,000 small files: ≤ half of aria2c'));

  const haulRss = results.filter((r) => r.client === 'haul' && r.peakRssKiB !== null);
  const peak = haulRss.length ? Math.max(...haulRss.map((r) => r.peakRssKiB!)) : null;
  const perCase = haulRss.map((r) => `${r.caseId} ${(r.peakRssKiB! / 1024).toFixed(0)} MiB`).join(', ');
  targets.push({
    caseId: null,
    name: 'peak memory of the Haul process',
    verdict: 'INFO',
    detail: peak === null ? 'not measured' : `${(peak / 1024).toFixed(0)} MiB (${perCase})`,
  });
  return targets;
}
