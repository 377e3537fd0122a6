// The review form's pure helpers: which event undo reverts (never a signed one, a sign or an
// undo), and the centre and axes an added finding takes from a viewer measurement.
import { describe, expect, it } from 'vitest';
import { undoableEvent, valuesFromMeasurement } from '../../../../renderer/src/review/review-logic';
import type { MeasurementRow } from '../../../../electron/shared/measurements';
import type { ReviewEvent, StudyReview } from '../../../../electron/shared/reports';

const reader = { id: 1, name: 'R', role: 'radiologist' } as const;
const ev = (id: number, action: ReviewEvent['action'], after: unknown = null): ReviewEvent => ({
  id,
  studyInstanceUID: '1.2',
  reader,
  at: 't',
  action,
  finding: null,
  before: null,
  after,
  reason: null,
  reasonText: null,
});
const review = (events: ReviewEvent[]): StudyReview =>
  ({
    events,
    signatures: events.filter((e) => e.action === 'sign').map((e) => ({ status: 'final', reader, at: 't', eventId: e.id })),
  }) as unknown as StudyReview;

describe('undoableEvent', () => {
  it('is the newest unsigned event that is not an undo, a sign or already undone', () => {
    expect(undoableEvent(review([ev(1, 'accept'), ev(2, 'edit')]))).toBe(2);
    expect(undoableEvent(review([ev(1, 'accept'), ev(2, 'edit'), ev(3, 'undo', { targetEventId: 2 })]))).toBe(1);
    expect(undoableEvent(review([ev(1, 'accept'), ev(2, 'sign')]))).toBeNull();
    expect(undoableEvent(review([ev(1, 'accept'), ev(2, 'sign'), ev(3, 'set-text')]))).toBe(3);
    expect(undoableEvent(review([]))).toBeNull();
  });
});

describe('valuesFromMeasurement', () => {
  const m = (kind: MeasurementRow['kind'], points: [number, number, number][]): MeasurementRow => ({
    id: 1,
    seriesInstanceUID: '1.2',
    kind,
    points,
    values: {},
    label: '',
    createdAt: 't',
    updatedAt: 't',
  });
  it('takes a length as the long axis through its midpoint', () => {
    expect(valuesFromMeasurement(m('length', [[0, 0, 0], [6, 8, 0]]))).toEqual({ centerLPS: [3, 4, 0], longAxisMm: 10 });
  });
  it('takes an ellipse as centre plus two semi-axes, longer first', () => {
    expect(valuesFromMeasurement(m('ellipse', [[10, 0, -5], [12, 0, -5], [10, 3, -5]]))).toEqual({ centerLPS: [10, 0, -5], longAxisMm: 6, shortAxisMm: 4 });
  });
});
