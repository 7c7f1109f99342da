// Issue 3's pool and extraction cases as table rows: poolSpeedup() (pool-speedup.ts) and
// extractBench() (extract-bench.ts) do the measuring; this turns their figures into results.
import { extractBench, type ExtractBench, type ExtractBenchCase } from './extract-bench';
import { poolSpeedup } from './pool-speedup';
import { failedRun, summarize, type ClientResult, type RunRecord } from './results';

const MiB = 1024 * 1024;
const POOL_FILES = 4;
const POOL_FILE_MIB = 256;
/** One extraction run of a few seconds swings by ±10% on a busy machine; the median of 3 holds. */
export const EXTRACT_MIN_RUNS = 3;

const measured = (repeat: number, seconds: number, cpuBusy: number | null = null): RunRecord => ({
  repeat, seconds, ok: true, error: null, peakRssKiB: null, startupSeconds: null, transferSeconds: null, cpuBusy,
});
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** sha256 of 4 × 256 MiB by a pool of one warm worker, then of two; the rows compare with one worker. */
export async function runPoolCase(repeat: number, log: (s: string) => void): Promise<ClientResult[]> {
  const one: RunRecord[] = [];
  const two: RunRecord[] = [];
  for (let rep = 1; rep <= repeat; rep++) {
    try {
      const r = await poolSpeedup({ files: POOL_FILES, fileMiB: POOL_FILE_MIB });
      one.push(measured(rep, r.oneWorkerSeconds, r.oneWorkerCpus));
      two.push(measured(rep, r.twoWorkerSeconds, r.twoWorkerCpus));
      const cpus = (n: number | null): string => (n === null ? '' : ` (${n.toFixed(2)} CPUs busy)`);
      log(`  pool #${rep}: 1 worker ${r.oneWorkerSeconds.toFixed(2)} s${cpus(r.oneWorkerCpus)}, 2 workers ${r.twoWorkerSeconds.toFixed(2)} s${cpus(r.twoWorkerCpus)} = ${r.ratio.toFixed(2)}×`);
    } catch (err) {
      one.push(failedRun(rep, 0, message(err)));
      two.push(failedRun(rep, 0, message(err)));
      log(`  pool #${rep}: FAILED: ${message(err)}`);
    }
  }
  const row = { caseId: 'pool' as const, bytes: POOL_FILES * POOL_FILE_MIB * MiB, files: POOL_FILES, ref: 'pool-1' };
  return [
    summarize({ ...row, client: 'pool-1', label: `sha256 ${POOL_FILES} × ${POOL_FILE_MIB} MiB, pool of 1 worker` }, one),
    summarize({ ...row, client: 'pool-2', label: `sha256 ${POOL_FILES} × ${POOL_FILE_MIB} MiB, pool of 2 workers` }, two),
  ];
}

/**
 * Haul's extractArchive against GNU tar and unzip on node_modules as .tar.gz and .zip. extractBench
 * interleaves the tools and reports medians, so each row holds one record: that median.
 */
export async function runExtractCase(repeat: number, log: (s: string) => void): Promise<ClientResult[]> {
  let bench: ExtractBench;
  try {
    bench = await extractBench({ repeat, log });
  } catch (err) {
    const failed = [failedRun(1, 0, message(err))];
    const row = { caseId: 'extract' as const, bytes: 0, files: 0 };
    return [
      summarize({ ...row, client: 'haul-tgz', label: 'haul extract node_modules.tar.gz', ref: 'tar' }, failed),
      summarize({ ...row, client: 'haul-zip', label: 'haul extract node_modules.zip', ref: 'unzip' }, failed),
    ];
  }
  return [...rows(bench.tarGz, 'haul-tgz', 'tar', 'tar.gz'), ...rows(bench.zip, 'haul-zip', 'unzip', 'zip')];
}

function rows(c: ExtractBenchCase, haulId: string, refId: string, kind: string): ClientResult[] {
  const row = { caseId: 'extract' as const, bytes: c.archiveBytes, files: c.entries };
  const out = [summarize({ ...row, client: haulId, label: `haul extractArchive (${kind}, ${c.entries} entries)`, ref: refId }, [measured(1, c.haulSeconds)])];
  if (c.referenceSeconds !== null) out.push(summarize({ ...row, client: refId, label: c.reference, ref: null }, [measured(1, c.referenceSeconds)]));
  return out;
}
