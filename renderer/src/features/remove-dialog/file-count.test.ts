import { describe, expect, it } from 'vitest';
import type { JobRow } from '../../../../shared/models/job-row';
import { filesOnDisk } from './file-count';

const row = (extra: Partial<JobRow>): JobRow => ({
  id: 'j', url: 'https://example.com/a', dir: '/d', name: 'a', path: null, status: 'queued', position: 0, total: null, received: 0,
  speed: 0, eta: null, activeConnections: 0, bar: null, resumable: true, error: null, note: null, retry: null, stopping: null,
  stage: null, checksum: null, extractedTo: null, createdAt: 0, completedAt: null, ...extra,
});

describe('files a remove would delete', () => {
  it('counts finished files and started part files, not downloads that never wrote a byte', () => {
    expect(filesOnDisk([row({ status: 'completed', received: 10 }), row({ status: 'paused', received: 5 }), row({ status: 'queued' }), row({ status: 'failed' })])).toBe(2);
    expect(filesOnDisk([])).toBe(0);
  });
});
