// The details panel's history is data: each client says it in its own language.
import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../../shared/models/job';
import { JobHistory } from './job-history';

const T0 = 1_700_000_000_000;

function snapshot(over: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    id: 'j1', url: 'https://ann:secret@example.com/f.iso', finalUrl: null, dir: '/downloads', name: 'f.iso', requestedName: null,
    path: '/downloads/f.iso', status: 'queued', position: 0, total: null, received: 0, speed: 0, eta: null, activeConnections: 0,
    segments: [], resumable: true, error: null, note: null, retry: null, stopping: null, waiting: null, phase: 'download', stage: null,
    checksum: null, extractedTo: null, options: { connections: 8, speedLimit: null, headers: {} }, createdAt: T0, completedAt: null,
    ...over,
  };
}

describe('a job’s history', () => {
  it('records what happened as data: the address without its password, a retry’s error and try, a note, a failure', () => {
    const h = new JobHistory();
    h.observe([snapshot()], [], T0 + 10);
    h.observe([snapshot({ status: 'active' })], [], T0 + 20);
    const retry = { reason: 'Server answered 503 Service Unavailable.', code: 'HAUL_E_HTTP_STATUS' as const, httpStatus: 503, attempt: 1, maxTries: 5, at: T0 + 4030 };
    h.observe([snapshot({ status: 'active', retry })], [], T0 + 30);
    // The same wait seen again, and the same note as a new object, are no news.
    h.observe([snapshot({ status: 'active', retry, note: { kind: 'throttled', status: 503 } })], [], T0 + 40);
    h.observe([snapshot({ status: 'active', retry, note: { kind: 'throttled', status: 503 } })], [], T0 + 50);
    const error = { code: 'HAUL_E_RETRIES_EXHAUSTED' as const, message: 'Gave up after 5 tries: Server answered 503.', httpStatus: 503 };
    h.observe([snapshot({ status: 'failed', error, note: { kind: 'throttled', status: 503 } })], [], T0 + 60);
    expect(h.events('j1')).toEqual([
      { at: T0, kind: 'added', subject: 'https://ann:***@example.com/f.iso' },
      { at: T0 + 20, kind: 'started', subject: '/downloads/f.iso' },
      { at: T0 + 30, kind: 'retry', error: { code: 'HAUL_E_HTTP_STATUS', message: 'Server answered 503 Service Unavailable.', httpStatus: 503 }, retry: { attempt: 2, maxTries: 5 } },
      { at: T0 + 40, kind: 'note', note: { kind: 'throttled', status: 503 } },
      { at: T0 + 60, kind: 'failed', error },
    ]);
  });

  it('names the checksum’s algorithm while verifying, and forgets a removed job', () => {
    const h = new JobHistory();
    const options = { connections: 8, speedLimit: null, headers: {}, checksum: { algo: 'sha256' as const, hex: 'ab'.repeat(32) } };
    h.observe([snapshot({ status: 'verifying', options })], [], T0 + 10);
    expect(h.events('j1').at(-1)).toEqual({ at: T0 + 10, kind: 'verifying', subject: 'sha256' });
    h.observe([], ['j1'], T0 + 20);
    expect(h.events('j1')).toEqual([]);
  });
});
