import { describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../shared/models/job';
import { noticeFor } from './finish-notices';

const job = (over: Partial<JobSnapshot>): JobSnapshot => ({ id: 'a', url: 'https://me:pw@example.com/f.iso', name: null, requestedName: null, status: 'completed', error: null, ...over }) as JobSnapshot;
const all = { completed: true, failed: true };

describe('desktop notifications', () => {
  it('say which download finished or failed and why, as the prefs allow', () => {
    expect(noticeFor(job({ name: 'f.iso' }), all)).toEqual({ title: 'Download complete', body: 'f.iso' });
    expect(noticeFor(job({ status: 'failed', error: { code: 'HAUL_E_HTTP_STATUS', message: 'HTTP 404 Not Found' } }), all)?.body).toBe('https://me:***@example.com/f.iso: HTTP 404 Not Found');
    expect(noticeFor(job({ status: 'paused', error: { code: 'HAUL_E_DISK_FULL', message: 'The disk is full.' } }), all)?.title).toBe('Download paused');
    expect(noticeFor(job({ status: 'paused' }), all)).toBeNull();
    expect(noticeFor(job({}), { completed: false, failed: true })).toBeNull();
    expect(noticeFor(job({ status: 'failed', error: { code: 'HAUL_E_NETWORK', message: 'x' } }), { completed: true, failed: false })).toBeNull();
  });
});
