// The reviewed findings of a model, per study, from the review state (append-only events folded by
// the review service): what the AI said, what the reader decided, why, and when. No patient data:
// values are geometry and measurements, readers appear by role only.
import type { AnalysisResult } from '../../shared/ai-results';
import type { FindingValues, RejectReason, StudyReview } from '../../shared/reports';
import type { ReviewService } from '../review/review-service';
import type { Database } from '../store/database';
import type { FeedbackFindingRecord } from './feedback-stats';

const DECISIONS = new Set(['accept', 'reject', 'edit']);

export interface FindingDispositionEntry extends FeedbackFindingRecord {
  analysisId: number | null;
  findingId: string;
  aiValues: FindingValues | null;
  /** The reader's values, for edited and added findings. */
  editedValues: FindingValues | null;
  reasonText: string | null;
  decidedAt: string | null;
  decidedByRole: string | null;
}

export interface ReviewedStudy {
  studyInstanceUID: string;
  review: StudyReview;
  analyses: AnalysisResult[];
  findings: FindingDispositionEntry[];
}

/** Studies with at least one stored analysis of the model (any model when null), newest first. */
export function studiesWithModel(db: Database, modelId: string | null): string[] {
  const rows = db
    .prepare<[string | null, string | null], { uid: string }>(
      `SELECT study_instance_uid AS uid FROM analyses WHERE (? IS NULL OR model_id = ?) AND provider <> 'dicom-import'
       GROUP BY study_instance_uid ORDER BY max(created_at) DESC`,
    )
    .all(modelId, modelId);
  return rows.map((r) => r.uid);
}

/** The study's findings of `modelId`'s analyses (every model's when null), plus the reader's additions. */
export function reviewedStudy(review: ReviewService, studyInstanceUID: string, analyses: AnalysisResult[], modelId: string | null): ReviewedStudy | null {
  const state = review.review(studyInstanceUID);
  if (!state.events.some((e) => DECISIONS.has(e.action) || e.action === 'add')) return null;
  const ofModel = analyses.filter((a) => a.provider !== 'dicom-import' && (modelId === null || a.model.id === modelId));
  const byId = new Map(ofModel.map((a) => [a.analysisId, a]));
  const firstDecision = new Map<string, string>();
  for (const e of state.events) {
    if (!e.finding || !DECISIONS.has(e.action)) continue;
    const key = `${e.finding.analysisId ?? 'reader'}:${e.finding.findingId}`;
    if (!firstDecision.has(key)) firstDecision.set(key, e.at);
  }
  const findings: FindingDispositionEntry[] = [];
  for (const f of state.findings) {
    const common = {
      findingId: f.ref.findingId,
      disposition: f.disposition,
      reason: f.reason as RejectReason | null,
      reasonText: f.reasonText,
      decidedAt: f.decidedAt,
      decidedByRole: f.decidedBy?.role ?? null,
      editedValues: f.disposition === 'edited' || f.disposition === 'added' ? f.current : null,
    };
    if (f.ref.analysisId === null) {
      // A finding the reader added was missed by every model that analysed the study.
      for (const model of new Map(ofModel.map((a) => [a.model.id, a.model.version])).entries()) {
        findings.push({ ...common, analysisId: null, modelId: model[0], modelVersion: model[1], aiValues: null, analysisCreatedAt: null, firstDecisionAt: null });
      }
      continue;
    }
    const analysis = byId.get(f.ref.analysisId);
    if (!analysis) continue;
    findings.push({
      ...common,
      analysisId: analysis.analysisId,
      modelId: analysis.model.id,
      modelVersion: analysis.model.version,
      aiValues: f.original,
      analysisCreatedAt: analysis.createdAt,
      // An undone decision leaves the finding pending: it has no time to decision yet.
      firstDecisionAt: f.disposition === 'pending' ? null : (firstDecision.get(`${f.ref.analysisId}:${f.ref.findingId}`) ?? null),
    });
  }
  return { studyInstanceUID, review: state, analyses: ofModel, findings };
}

/** Every reviewed study of the model with its finding records. */
export function reviewedStudies(db: Database, review: ReviewService, list: (study: string) => AnalysisResult[], modelId: string | null): ReviewedStudy[] {
  return studiesWithModel(db, modelId)
    .map((uid) => reviewedStudy(review, uid, list(uid), modelId))
    .filter((s): s is ReviewedStudy => s !== null && s.analyses.length > 0);
}
