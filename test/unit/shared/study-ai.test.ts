// The worklist's AI column folds a study's jobs into one state: running > queued > failed > done.
import { describe, expect, it } from 'vitest';
import { summarizeJobs } from '../../../electron/shared/study-ai';

describe('summarizeJobs', () => {
  it('shows running with the mean progress of pending jobs', () => {
    expect(summarizeJobs([{ id: 1, state: 'running', progress: 0.5 }, { id: 2, state: 'queued', progress: 0 }, { id: 3, state: 'done', progress: 1 }])).toEqual({ state: 'running', progress: 0.25 });
  });
  it('shows queued, then failed over done, then done', () => {
    expect(summarizeJobs([{ id: 1, state: 'queued', progress: 0 }, { id: 2, state: 'failed', progress: 0.3 }]).state).toBe('queued');
    expect(summarizeJobs([{ id: 1, state: 'done', progress: 1 }, { id: 2, state: 'failed', progress: 0.3 }]).state).toBe('failed');
    expect(summarizeJobs([{ id: 1, state: 'done', progress: 1 }])).toEqual({ state: 'done', progress: 1 });
  });
  it('ignores cancelled jobs', () => {
    expect(summarizeJobs([{ id: 1, state: 'cancelled', progress: 0.2 }])).toEqual({ state: null, progress: 0 });
  });
});
