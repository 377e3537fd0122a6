// Review events and AI findings built in memory for the pure fold/workflow/report tests.
import type { Finding } from '../../../../electron/shared/ai-results';
import type { Reader, ReviewEvent } from '../../../../electron/shared/reports';
import type { AiFindingInput } from '../../../../electron/core/review/review-fold';

export const RADIOLOGIST: Reader = { id: 1, name: 'Dr Wang', role: 'radiologist' };
export const RESIDENT: Reader = { id: 2, name: 'Dr Li', role: 'resident' };
export const TECHNOLOGIST: Reader = { id: 3, name: 'Tech Zhao', role: 'technologist' };

export function nodule(id: string, x: number, longAxisMm: number, extra: Partial<Finding> = {}): Finding {
  return {
    id,
    type: 'nodule',
    label: 'nodule',
    centerLPS: [x, -20, -100],
    longAxisMm,
    shortAxisMm: longAxisMm,
    consistency: 'solid',
    side: x > 0 ? 'left' : 'right',
    location: x > 0 ? 'left upper lobe' : 'right upper lobe',
    probability: 0.9,
    ...extra,
  };
}

export const aiInputs = (analysisId: number, findings: Finding[]): AiFindingInput[] =>
  findings.map((finding) => ({ ref: { analysisId, findingId: finding.id }, finding }));

/** A growing event list with ids 1, 2, 3… */
export function eventLog() {
  const events: ReviewEvent[] = [];
  const push = (e: Partial<ReviewEvent> & Pick<ReviewEvent, 'action'>, reader: Reader = RADIOLOGIST): ReviewEvent => {
    const event: ReviewEvent = {
      id: events.length + 1,
      studyInstanceUID: '1.2.3',
      reader,
      at: `2026-01-01T00:00:${String(events.length).padStart(2, '0')}Z`,
      finding: null,
      before: null,
      after: null,
      reason: null,
      reasonText: null,
      ...e,
    };
    events.push(event);
    return event;
  };
  return { events, push };
}
