// Builds the structured report of a study (the JSON of electron/shared/reports.ts) from its AI
// analyses and the folded review state. Pure: the caller supplies the study, the analyses, the
// state, the consistency warnings and the time.
import type { AnalysisResult } from '../../shared/ai-results';
import {
  type ExamType,
  findingKey,
  type FindingValues,
  type LungRadsAssessment,
  type ReportFinding,
  type StructuredReport,
  type ConsistencyWarning,
} from '../../shared/reports';
import type { ReviewState } from '../review/review-fold';
import { highestCategory, LUNG_RADS_MANAGEMENT, lungRadsCategory, meanDiameterMm } from './lung-rads/lung-rads';

export interface StudyFacts {
  studyInstanceUID: string;
  studyDate?: string;
  description?: string;
  accessionNumber?: string;
  modalities: string[];
  bodyPart?: string;
}

/** The measurement name the DWI stroke pipeline reports the core volume under (issue #5). */
export const INFARCT_CORE_MEASUREMENT = 'infarct_core';

const LUNG_TYPES = new Set(['nodule', 'mass']);
/** Findings that count as reported: the reader kept them (as they were, edited, or drawn). */
export const isReported = (f: { disposition: string }) => f.disposition === 'accepted' || f.disposition === 'edited' || f.disposition === 'added';

export function examTypeOf(study: StudyFacts, analyses: readonly AnalysisResult[], state: ReviewState): ExamType {
  const findings = [...analyses.flatMap((a) => a.findings.map((f) => f.type)), ...state.findings.map((f) => f.current.type)];
  if (findings.some((t) => t !== undefined && LUNG_TYPES.has(t))) return 'chest-ct';
  if (analyses.some((a) => a.findings.some((f) => f.type === 'core') || a.measurements.some((m) => m.name === INFARCT_CORE_MEASUREMENT))) {
    return 'dwi-stroke';
  }
  if (analyses.some((a) => a.measurements.some((m) => m.unit === 'mL') || a.findings.some((f) => f.type === 'structure'))) {
    return 'brain-mr-volumetry';
  }
  const body = (study.bodyPart ?? '').toUpperCase();
  if (study.modalities.includes('CT') && (body.includes('CHEST') || body.includes('LUNG') || body.includes('THORAX'))) return 'chest-ct';
  return 'other';
}

/** Lung-RADS of one lung finding: computed from type and size, unless the reader set the category. */
export function lungRadsOf(values: FindingValues): LungRadsAssessment | undefined {
  if (!values.type || !LUNG_TYPES.has(values.type) || values.longAxisMm === undefined) return undefined;
  // A lung finding without a consistency is assessed as solid, the most common and most conservative reading of size.
  const computed = lungRadsCategory({
    consistency: values.consistency ?? 'solid',
    longAxisMm: values.longAxisMm,
    shortAxisMm: values.shortAxisMm,
    solidComponentMm: values.solidComponentMm,
  });
  const category = values.lungRadsCategory ?? computed;
  return {
    category,
    meanDiameterMm: meanDiameterMm(values.longAxisMm, values.shortAxisMm),
    management: LUNG_RADS_MANAGEMENT[category],
    overridden: values.lungRadsCategory !== undefined && values.lungRadsCategory !== computed,
  };
}

export interface BuildReportInput {
  study: StudyFacts;
  analyses: readonly AnalysisResult[];
  state: ReviewState;
  warnings: ConsistencyWarning[];
  now: string;
}

export function buildReport({ study, analyses, state, warnings, now }: BuildReportInput): StructuredReport {
  const examType = examTypeOf(study, analyses, state);
  const byId = new Map(analyses.map((a) => [a.analysisId, a]));
  const contributing = new Set<number>();

  const findings: ReportFinding[] = state.findings.map((f) => {
    const analysis = f.ref.analysisId === null ? undefined : byId.get(f.ref.analysisId);
    const ai = analysis?.findings.find((x) => x.id === f.ref.findingId);
    if (analysis && isReported(f)) contributing.add(analysis.analysisId);
    const row: ReportFinding = {
      ref: f.ref,
      source: f.ref.analysisId === null ? 'reader' : 'ai',
      disposition: f.disposition,
      type: f.current.type ?? ai?.type ?? 'lesion',
      label: f.current.label ?? ai?.label ?? 'finding',
      values: f.current,
    };
    if (ai?.name) row.name = ai.name;
    // The AI's location name only while the reader kept its location key.
    if (ai?.locationName && f.current.location === ai.location) row.locationName = ai.locationName;
    const lungRads = examType === 'chest-ct' ? lungRadsOf(f.current) : undefined;
    if (lungRads) row.lungRads = lungRads;
    if (analysis && ai) {
      row.ai = { analysisId: analysis.analysisId, modelId: analysis.model.id, modelVersion: analysis.model.version };
      if (ai.probability !== undefined) row.ai.probability = ai.probability;
      if (ai.uncertainty !== undefined) row.ai.uncertainty = ai.uncertainty;
      if (ai.lowConfidence !== undefined) row.ai.lowConfidence = ai.lowConfidence;
    }
    if (f.reason) row.reason = f.reason;
    if (f.reasonText) row.reasonText = f.reasonText;
    if (f.decidedBy) row.decidedBy = f.decidedBy;
    if (f.decidedAt) row.decidedAt = f.decidedAt;
    return row;
  });

  const report: StructuredReport = {
    schemaVersion: 1,
    studyInstanceUID: study.studyInstanceUID,
    examType,
    status: state.status,
    study: { modalities: study.modalities },
    findings,
    freeFindings: state.texts.freeFindings,
    impression: state.texts.impression,
    models: [],
    signatures: state.signatures,
    warnings,
    generatedAt: now,
  };
  if (study.studyDate) report.study.studyDate = study.studyDate;
  if (study.description) report.study.description = study.description;
  if (study.accessionNumber) report.study.accessionNumber = study.accessionNumber;
  if (state.texts.addendum) report.addendum = state.texts.addendum;

  if (examType === 'chest-ct') {
    const categories = findings.filter((f) => isReported(f) && f.lungRads).map((f) => f.lungRads?.category ?? '1');
    const category = highestCategory(categories);
    const lead = findings.find((f) => isReported(f) && f.lungRads?.category === category);
    report.lungRads = {
      category,
      meanDiameterMm: lead?.lungRads?.meanDiameterMm ?? 0,
      management: LUNG_RADS_MANAGEMENT[category],
      overridden: lead?.lungRads?.overridden ?? false,
    };
  }

  const rejected = new Set(state.findings.filter((f) => f.disposition === 'rejected').map((f) => findingKey(f.ref)));
  for (const analysis of analyses) {
    const core = analysis.measurements.find((m) => m.name === INFARCT_CORE_MEASUREMENT);
    if (examType === 'dwi-stroke' && core && !report.strokeCore) {
      const coreFinding = analysis.findings.find((f) => f.type === 'core');
      const coreState = coreFinding && state.findings.find((s) => s.ref.analysisId === analysis.analysisId && s.ref.findingId === coreFinding.id);
      // A core the reader rejected is not reported; an edited one reports the reader's side and location.
      if (!coreState || !rejected.has(findingKey(coreState.ref))) {
        report.strokeCore = { volumeMl: core.value, analysisId: analysis.analysisId };
        const values = coreState?.current;
        if (values?.volumeMl !== undefined) report.strokeCore.volumeMl = values.volumeMl;
        if (values?.side) report.strokeCore.side = values.side;
        if (values?.location) report.strokeCore.location = values.location;
        contributing.add(analysis.analysisId);
      }
    }
    const volumes = analysis.measurements.filter((m) => m.unit === 'mL' && m.name !== INFARCT_CORE_MEASUREMENT);
    if (examType === 'brain-mr-volumetry' && volumes.length > 0 && !report.volumetry) {
      report.volumetry = {
        analysisId: analysis.analysisId,
        rows: volumes.map((m) => (m.label ? { key: m.name, name: m.label, volumeMl: m.value } : { key: m.name, volumeMl: m.value })),
      };
      contributing.add(analysis.analysisId);
    }
  }

  const models = new Map<string, StructuredReport['models'][number]>();
  for (const id of [...contributing].sort((a, b) => a - b)) {
    const a = byId.get(id);
    if (!a) continue;
    const key = `${a.model.id}@${a.model.version}`;
    const entry = models.get(key) ?? { id: a.model.id, version: a.model.version, sha256: a.model.sha256, analysisIds: [] };
    entry.analysisIds.push(id);
    models.set(key, entry);
  }
  report.models = [...models.values()];
  return report;
}
