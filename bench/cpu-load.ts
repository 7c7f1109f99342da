// How busy the whole machine's CPUs were during a run (Linux /proc/stat; null elsewhere). On a
// shared or small machine a case can be CPU-bound in total, which no client-side change fixes.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface CpuSample {
  /** Jiffies spent busy and in total, summed over CPUs. */
  busy: number;
  all: number;
}

export function sampleCpu(): CpuSample | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const all = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
    return { busy: all - idle, all };
  } catch {
    return null;
  }
}

/** Average number of busy CPUs between two samples (0 … cpu count). */
export function busyCpus(from: CpuSample | null, to: CpuSample | null): number | null {
  if (!from || !to || to.all <= from.all) return null;
  return ((to.busy - from.busy) / (to.all - from.all)) * cpus().length;
}
