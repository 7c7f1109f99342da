import { describe, expect, it } from 'vitest';
import { HaulError } from '../../../shared/errors';
import { nextStep, strongerIntent, type StopIntent } from './run-outcome';

describe('what a finished run means for the job', () => {
  it('completes, pauses, cancels, re-queues on shutdown', () => {
    expect(nextStep('completed', null, null, 5)).toEqual({ kind: 'update', patch: { status: 'completed', error: null, completedAt: 5 }, discardPartial: false });
    expect(nextStep('stopped', null, 'pause')).toMatchObject({ patch: { status: 'paused' }, discardPartial: false });
    expect(nextStep('stopped', null, 'cancel')).toMatchObject({ patch: { status: 'cancelled' }, discardPartial: true });
    expect(nextStep('stopped', null, 'shutdown')).toMatchObject({ patch: { status: 'queued' } });
  });

  it('forgets removed jobs, with or without their files', () => {
    expect(nextStep('stopped', null, 'remove')).toEqual({ kind: 'forget', deleteFiles: false });
    expect(nextStep('completed', new Error('x'), 'remove-files')).toEqual({ kind: 'forget', deleteFiles: true });
  });

  it('pauses on a full disk (resumable) but fails on other errors, keeping the code', () => {
    expect(nextStep('stopped', new HaulError('HAUL_E_DISK_FULL', 'Disk full'), null)).toMatchObject({ patch: { status: 'paused', error: { code: 'HAUL_E_DISK_FULL' } } });
    expect(nextStep('stopped', new HaulError('HAUL_E_HTTP_STATUS', 'HTTP 404'), null)).toMatchObject({ patch: { status: 'failed', error: { code: 'HAUL_E_HTTP_STATUS', message: 'HTTP 404' } } });
    expect(nextStep('stopped', new Error('boom'), 'pause')).toMatchObject({ patch: { status: 'failed', error: { code: 'HAUL_E_INTERNAL' } } });
  });

  it('never lets a later stop request weaken an earlier one; quitting keeps what was asked', () => {
    const order: StopIntent[] = ['shutdown', 'restart', 'pause', 'cancel', 'remove', 'remove-files'];
    for (const [i, earlier] of order.entries()) {
      for (const [j, later] of order.entries()) expect(strongerIntent(earlier, later), `${earlier} then ${later}`).toBe(order[Math.max(i, j)]);
      expect(strongerIntent(null, earlier)).toBe(earlier);
    }
  });
});
