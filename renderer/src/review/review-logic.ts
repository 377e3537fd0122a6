// Pure helpers of the review form (no React): what undo would revert, and a finding's centre
// and axes from a viewer measurement.
import type { MeasurementRow } from '../../../electron/shared/measurements';
import type { FindingValues, StudyReview } from '../../../electron/shared/reports';

/** The most recent event the reader may still undo: after the last signature, not an undo or sign, not undone. */
export function undoableEvent(review: StudyReview): number | null {
  const lockedThrough = review.signatures.at(-1)?.eventId ?? 0;
  const undone = new Set(review.events.filter((e) => e.action === 'undo').map((e) => (e.after as { targetEventId: number }).targetEventId));
  for (const e of [...review.events].reverse()) {
    if (e.id <= lockedThrough) return null;
    if (e.action !== 'undo' && e.action !== 'sign' && !undone.has(e.id)) return e.id;
  }
  return null;
}

/** Centre and axes of a viewer measurement (points in LPS mm): length = its two ends; ROIs = centre, axis U end, axis V end. */
export function valuesFromMeasurement(m: MeasurementRow): FindingValues {
  const [a, b, c] = m.points;
  const dist = (p: number[] | undefined, q: number[] | undefined) => (p && q ? Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!) : 0);
  if (m.kind === 'length' && a && b) {
    return { centerLPS: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2], longAxisMm: dist(a, b) };
  }
  const axes = [2 * dist(a, b), 2 * dist(a, c)].sort((p, q) => q - p);
  return a ? { centerLPS: [a[0], a[1], a[2]], longAxisMm: axes[0], shortAxisMm: axes[1] } : {};
}
