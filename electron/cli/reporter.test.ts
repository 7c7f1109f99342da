// What `haul get` prints when its output goes to a file or a pipe, and the hints on failure.
import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../shared/models/job';
import { jsonReporter, nextStepHint, plainReporter, summaryLine } from './reporter';

const MiB = 1024 * 1024;

function snapshot(over: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    id: 'j1',
    url: 'http://127.0.0.1:8080/files/disk.iso',
    finalUrl: null,
    dir: '/downloads',
    name: 'disk.iso',
    requestedName: null,
    path: null,
    status: 'active',
    position: 0,
    total: null,
    received: 0,
    speed: 0,
    eta: null,
    activeConnections: 1,
    segments: [],
    resumable: true,
    error: null,
    note: null,
    retry: null,
    stopping: null,
    waiting: null,
    phase: 'download',
    stage: null,
    checksum: null,
    extractedTo: null,
    options: { connections: 8, speedLimit: null, headers: {} },
    createdAt: 0,
    completedAt: null,
    ...over,
  };
}

function plain() {
  const out: string[] = [];
  const err: string[] = [];
  const r = plainReporter(
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { r, out, err };
}

describe('plain output (stdout is not a terminal)', () => {
  it('says a download is connecting before the server answered, not "0 B at 0 B/s"', () => {
    const { r, out } = plain();
    r.progress([snapshot()]);
    expect(out).toEqual(['disk.iso: connecting\n']);
  });

  it('prints percent, bytes, speed and ETA once the size is known, at most every 5 s per download', () => {
    const { r, out } = plain();
    r.progress([snapshot({ total: 100 * MiB, received: 25 * MiB, speed: 5 * MiB, eta: 15 })]);
    r.progress([snapshot({ total: 100 * MiB, received: 30 * MiB, speed: 5 * MiB, eta: 14 })]);
    expect(out).toHaveLength(1);
    expect(out).toEqual(['disk.iso: 25.0% 25.0 MiB at 5.00 MiB/s, ETA 15s\n']);
  });

  it('says why a download waits and when it tries again', () => {
    const { r, out } = plain();
    const now = Date.now();
    r.progress([snapshot({ retry: { reason: 'HTTP 503 Service Unavailable from mirror.example', code: 'HAUL_E_HTTP_STATUS', httpStatus: 503, attempt: 2, maxTries: 5, at: now + 4000 } })]);
    expect(out).toEqual(['disk.iso: HTTP 503 Service Unavailable from mirror.example; trying again in 4s (try 3 of 5)\n']);
  });

  it('names the post-processing step', () => {
    const { r, out } = plain();
    r.progress([snapshot({ id: 'a', status: 'verifying', phase: 'verify' }), snapshot({ id: 'b', name: 'src.tar.gz', status: 'extracting', phase: 'extract', stage: { done: 1, total: 2, entries: 42 } })]);
    expect(out).toEqual(['disk.iso: verifying\n', 'src.tar.gz: extracting, 42 entries\n']);
    r.progress([snapshot({ id: 'c', name: 'big.iso', status: 'verifying', phase: 'verify', stage: { done: 3 * MiB, total: 4 * MiB } })]);
    expect(out[2]).toBe('big.iso: verifying, 75.0%\n');
  });

  it('reports a failure on stderr with its code, and what to do when bytes were kept', () => {
    const { r, out, err } = plain();
    const error = { code: 'HAUL_E_RETRIES_EXHAUSTED' as const, message: 'Gave up after 5 tries: HTTP 500' };
    r.failed(snapshot({ status: 'failed', total: 10 * MiB, received: 4 * MiB, error }), error);
    expect(out).toEqual([]);
    expect(err.join('')).toBe(`failed: http://127.0.0.1:8080/files/disk.iso: Gave up after 5 tries: HTTP 500 [HAUL_E_RETRIES_EXHAUSTED]\n  4.00 MiB kept: run the same command again to continue.\n`);
  });

  it('hides a password in the address it prints', () => {
    const { r, err } = plain();
    const error = { code: 'HAUL_E_UNKNOWN_HOST' as const, message: 'Cannot find the server x: no such host name. Check the address.' };
    r.failed(snapshot({ url: 'http://me:secret@x/f.bin', status: 'failed', error }), error);
    expect(err.join('')).not.toContain('secret');
  });
});

describe('JSON lines', () => {
  it('a progress line carries the retry wait while there is one', () => {
    const out: string[] = [];
    const r = jsonReporter((s) => out.push(s));
    const retry = { reason: 'Connection to x timed out.', code: 'HAUL_E_TIMEOUT' as const, attempt: 1, maxTries: 5, at: 1_700_000_000_000 };
    r.progress([snapshot({ retry }), snapshot({ id: 'j2', received: 5, total: 10, speed: 2.4 })]);
    expect(out.map((l) => JSON.parse(l) as unknown)).toEqual([
      { type: 'progress', id: 'j1', phase: 'download', received: 0, total: null, speed: 0, retry },
      { type: 'progress', id: 'j2', phase: 'download', received: 5, total: 10, speed: 2 },
    ]);
  });

  it('a progress line carries how far verification or extraction is', () => {
    const out: string[] = [];
    const r = jsonReporter((s) => out.push(s));
    const verify = { done: 5, total: 10 };
    const extract = { done: 2, total: 4, entries: 7 };
    r.progress([snapshot({ status: 'verifying', phase: 'verify', stage: verify }), snapshot({ id: 'j2', status: 'extracting', phase: 'extract', stage: extract })]);
    expect(out.map((l) => (JSON.parse(l) as { stage?: unknown }).stage)).toEqual([verify, extract]);
  });
});

describe('hints after a failure', () => {
  it('suggests a new link with the same name when the server refused an old one', () => {
    const j = snapshot({ name: "it's.iso", received: MiB, total: 2 * MiB });
    expect(nextStepHint(j, { code: 'HAUL_E_HTTP_STATUS', message: 'HTTP 403 Forbidden for http://x/f', httpStatus: 403 })).toBe(
      `  1.00 MiB kept: if the link expired, run again with the new link and -o 'it'\\''s.iso' to continue.\n`,
    );
  });

  it('does not take a status named in some other message for the server\'s answer', () => {
    const j = snapshot({ received: MiB, total: 2 * MiB });
    expect(nextStepHint(j, { code: 'HAUL_E_NETWORK', message: 'Network error talking to x: proxy said HTTP 403' })).toBe('  1.00 MiB kept: run the same command again to continue.\n');
  });

  it('says nothing when nothing was kept or the bytes are not the problem', () => {
    expect(nextStepHint(snapshot(), { code: 'HAUL_E_UNKNOWN_HOST', message: 'Cannot find the server' })).toBe('');
    const bytes = snapshot({ received: MiB, total: MiB });
    expect(nextStepHint(bytes, { code: 'HAUL_E_CHECKSUM_MISMATCH', message: 'Checksum mismatch' })).toBe('');
  });
});

describe('the summary line', () => {
  it('gives counts, and bytes with the average speed when anything was fetched', () => {
    expect(summaryLine({ completed: 0, failed: 1, rejected: 2, fetched: 0, seconds: 3 })).toBe('0 completed, 1 failed, 2 rejected\n');
    expect(summaryLine({ completed: 3, failed: 0, rejected: 0, fetched: 120 * MiB, seconds: 4 })).toBe('3 completed, 0 failed, 0 rejected; 120 MiB in 4.00 s (30.0 MiB/s)\n');
  });
});
