// The dashboard fold: counts by disposition and reject reason, agreement = accepted / decided,
// median time from analysis to first decision, readers' additions counted as missed.
import { describe, expect, it } from 'vitest';
import { type FeedbackFindingRecord, foldFeedbackStats, median } from '../../../../electron/core/feedback/feedback-stats';

const T0 = '2026-01-01T08:00:00.000Z';
const after = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const record = (over: Partial<FeedbackFindingRecord>): FeedbackFindingRecord => ({
  modelId: 'lung-cad',
  modelVersion: '1.0.0',
  disposition: 'accepted',
  reason: null,
  analysisCreatedAt: T0,
  firstDecisionAt: after(60),
  ...over,
});

describe('foldFeedbackStats', () => {
  it('counts dispositions and reasons per model and derives agreement and median time', () => {
    const stats = foldFeedbackStats(
      [
        record({ firstDecisionAt: after(30) }),
        record({ firstDecisionAt: after(90) }),
        record({ disposition: 'rejected', reason: 'vessel', firstDecisionAt: after(10) }),
        record({ disposition: 'rejected', reason: 'scar', firstDecisionAt: after(200) }),
        record({ disposition: 'edited', modelVersion: '1.1.0', firstDecisionAt: after(50) }),
        record({ disposition: 'added', analysisCreatedAt: null, firstDecisionAt: null }),
        record({ disposition: 'pending', firstDecisionAt: null }),
        record({ modelId: 'brain-volumetry', disposition: 'rejected', reason: 'other', firstDecisionAt: after(5) }),
      ],
      new Map([['lung-cad', 2]]),
    );
    expect(stats.map((s) => s.modelId)).toEqual(['brain-volumetry', 'lung-cad']);
    const lung = stats[1]!;
    expect(lung).toMatchObject({ studies: 2, accepted: 2, rejected: 2, edited: 1, missed: 1, pending: 1, versions: ['1.0.0', '1.1.0'] });
    expect(lung.rejectedByReason).toEqual({ vessel: 1, scar: 1, artefact: 0, 'outside-organ': 0, other: 0 });
    expect(lung.agreementRate).toBeCloseTo(2 / 5, 10);
    // Decision times 30, 90, 10, 200, 50 s → median 50 s (added and pending have none).
    expect(lung.medianSecondsToDecision).toBe(50);
    expect(stats[0]).toMatchObject({ studies: 0, rejected: 1, agreementRate: 0, medianSecondsToDecision: 5 });
  });

  it('has no rate or time before any decision', () => {
    const [only] = foldFeedbackStats([record({ disposition: 'pending', firstDecisionAt: null }), record({ disposition: 'added', analysisCreatedAt: null, firstDecisionAt: null })]);
    expect(only).toMatchObject({ agreementRate: null, medianSecondsToDecision: null, pending: 1, missed: 1 });
  });

  it('takes the middle of an even count as the mean of the two middle values', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
