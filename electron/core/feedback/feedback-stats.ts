// The per-model agreement figures of the feedback dashboard (`feedback:stats`), folded from one
// record per reviewed finding. Pure: the records come from the review state (feedback-records.ts).
// Agreement rate = accepted / decided (accepted + rejected + edited): an edit means the reader kept
// the finding but not the model's values, so it counts as decided and not agreed. "Missed" are
// findings the reader added in a study the model analysed. Time to decision runs from the
// analysis' creation to the first decision event on the finding (later edits or undos don't move it).
import type { ModelFeedbackStats } from '../../shared/feedback';
import { REJECT_REASONS, type FindingDisposition, type RejectReason } from '../../shared/reports';

export type { ModelFeedbackStats };

export interface FeedbackFindingRecord {
  modelId: string;
  modelVersion: string;
  disposition: FindingDisposition;
  reason: RejectReason | null;
  /** ISO times; null when the finding has no decision yet (pending) or is a reader's addition. */
  analysisCreatedAt: string | null;
  firstDecisionAt: string | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One entry per model, sorted by model id; `studiesByModel` counts the reviewed studies. */
export function foldFeedbackStats(records: readonly FeedbackFindingRecord[], studiesByModel: ReadonlyMap<string, number> = new Map()): ModelFeedbackStats[] {
  const byModel = new Map<string, { stats: ModelFeedbackStats; versions: Set<string>; seconds: number[] }>();
  for (const r of records) {
    let entry = byModel.get(r.modelId);
    if (!entry) {
      entry = {
        stats: {
          modelId: r.modelId,
          versions: [],
          studies: studiesByModel.get(r.modelId) ?? 0,
          accepted: 0,
          rejected: 0,
          rejectedByReason: Object.fromEntries(REJECT_REASONS.map((reason) => [reason, 0])) as Record<RejectReason, number>,
          edited: 0,
          missed: 0,
          pending: 0,
          agreementRate: null,
          medianSecondsToDecision: null,
        },
        versions: new Set(),
        seconds: [],
      };
      byModel.set(r.modelId, entry);
    }
    const { stats } = entry;
    entry.versions.add(r.modelVersion);
    if (r.disposition === 'accepted') stats.accepted++;
    else if (r.disposition === 'edited') stats.edited++;
    else if (r.disposition === 'added') stats.missed++;
    else if (r.disposition === 'pending') stats.pending++;
    else {
      stats.rejected++;
      stats.rejectedByReason[r.reason ?? 'other']++;
    }
    if (r.disposition !== 'added' && r.analysisCreatedAt && r.firstDecisionAt) {
      entry.seconds.push(Math.max(0, (Date.parse(r.firstDecisionAt) - Date.parse(r.analysisCreatedAt)) / 1000));
    }
  }
  return [...byModel.values()]
    .map(({ stats, versions, seconds }) => {
      const decided = stats.accepted + stats.rejected + stats.edited;
      return { ...stats, versions: [...versions].sort(), agreementRate: decided > 0 ? stats.accepted / decided : null, medianSecondsToDecision: median(seconds) };
    })
    .sort((a, b) => a.modelId.localeCompare(b.modelId));
}
