// The preview: name, size and resumability of the first few addresses, asked of their servers
// (jobs.probe) a moment after typing stops, a few at a time, each address asked once.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ProbeResult } from '../../../../shared/models/job-row';
import { expandPattern } from '../../../../shared/url-patterns';
import { useAppStore } from '../../store';
import { mergeHeaders } from './build-items';
import type { LineChecks } from './check-lines';

export const PREVIEW_COUNT = 5;
/** How many "Check names and sizes" shows. */
export const PREVIEW_ON_REQUEST = 50;
const AT_ONCE = 3;
const DEBOUNCE_MS = 600;

export type ProbeState = { state: 'checking' } | { state: 'done'; result: ProbeResult } | { state: 'failed'; error: ErrorInfo };

export interface PreviewTarget {
  url: string;
  headers?: Record<string, string>;
}

/** The first addresses the good lines make (patterns expanded only as far as needed). */
export function previewTargets(checks: LineChecks, extraHeaders: Record<string, string> | undefined, limit = PREVIEW_COUNT): PreviewTarget[] {
  const out: PreviewTarget[] = [];
  for (const good of checks.good) {
    const urls = good.pattern ? firstOf(good.url, limit - out.length) : [good.url];
    const headers = mergeHeaders(extraHeaders, good.headers);
    for (const url of urls) out.push(Object.keys(headers).length > 0 ? { url, headers } : { url });
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

function firstOf(pattern: string, n: number): string[] {
  const expanded = expandPattern(pattern);
  return expanded.ok ? expanded.urls.slice(0, n) : [];
}

const keyOf = (t: PreviewTarget): string => JSON.stringify([t.url, t.headers ?? null]);

export function useProbes(targets: PreviewTarget[], enabled: boolean): Map<string, ProbeState> {
  const store = useAppStore();
  const [states, setStates] = useState<ReadonlyMap<string, ProbeState>>(new Map());
  const asked = useRef(new Map<string, ProbeState>());
  const key = useMemo(() => targets.map(keyOf).join('\n'), [targets]);

  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => {
      const queue = targets.filter((t) => !asked.current.has(keyOf(t)));
      const update = (k: string, s: ProbeState): void => {
        asked.current.set(k, s);
        // Probes already asked finish and are kept even when the list moved on meanwhile.
        setStates(new Map(asked.current));
      };
      for (const t of queue) update(keyOf(t), { state: 'checking' });
      const next = async (): Promise<void> => {
        for (let t = queue.shift(); t; t = queue.shift()) {
          const k = keyOf(t);
          const r = await store.api.invoke('jobs.probe', t).catch((err: unknown) => ({ ok: false as const, error: { code: 'HAUL_E_DISCONNECTED' as const, message: String(err) } }));
          update(k, r.ok ? { state: 'done', result: r.value } : { state: 'failed', error: r.error });
        }
      };
      for (let i = 0; i < AT_ONCE; i++) void next();
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // `key` stands for `targets`: a new array with the same addresses asks nothing new.
  }, [key, enabled, store]);

  return useMemo(() => {
    const out = new Map<string, ProbeState>();
    for (const t of targets) {
      const s = states.get(keyOf(t));
      if (s) out.set(t.url, s);
    }
    return out;
  }, [states, targets]);
}
