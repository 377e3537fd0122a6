// The structured report built from a folded review, its text in both languages, and each
// consistency check (laterality vs LPS x, size vs category, kept finding missing from the text,
// speculative wording) raising — and not raising — its warning.
import { describe, expect, it } from 'vitest';
import { checkConsistency, DEFAULT_PHRASE_LIST, sideOfCoordinates } from '../../../../electron/core/reports/consistency/consistency-checks';
import { buildReport, examTypeOf } from '../../../../electron/core/reports/report-builder';
import { renderReportText } from '../../../../electron/core/reports/templates/report-text';
import { foldReview } from '../../../../electron/core/review/review-fold';
import type { AnalysisResult, Finding } from '../../../../electron/shared/ai-results';
import { structuredReportSchema, type FindingValues } from '../../../../electron/shared/reports';
import { aiInputs, eventLog, nodule } from '../review/review-fixtures';

const MODEL = { id: 'lung-nodule-cad', version: '1.2.0', sha256: 'a'.repeat(64) };
const analysis = (analysisId: number, findings: Finding[], extra: Partial<AnalysisResult> = {}): AnalysisResult => ({
  analysisId,
  seriesInstanceUID: '1.2.3.1',
  studyInstanceUID: '1.2.3',
  model: MODEL,
  provider: 'cpu',
  seconds: 1,
  findings,
  measurements: [],
  outputs: [],
  warnings: [],
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});
const STUDY = { studyInstanceUID: '1.2.3', modalities: ['CT'] };

/** One accepted left upper lobe nodule (x = +40 mm, patient left), optionally edited, with reader texts. */
function reportWith(opts: { edit?: FindingValues; impression?: string; phrases?: readonly string[] } = {}) {
  const a = analysis(5, [nodule('f1', 40, 9)]);
  const { events, push } = eventLog();
  push({ action: 'accept', finding: { analysisId: 5, findingId: 'f1' } });
  if (opts.edit) push({ action: 'edit', finding: { analysisId: 5, findingId: 'f1' }, after: opts.edit });
  if (opts.impression !== undefined) push({ action: 'set-text', after: { field: 'impression', text: opts.impression } });
  const state = foldReview(aiInputs(5, a.findings), events);
  const report = buildReport({ study: STUDY, analyses: [a], state, warnings: [], now: '2026-01-01T00:00:00Z' });
  const warnings = checkConsistency({ report, phraseList: opts.phrases ?? DEFAULT_PHRASE_LIST, acknowledged: state.acknowledged });
  return { report, warnings, keys: warnings.map((w) => w.key) };
}

describe('structured report', () => {
  it('validates against the schema and renders Chinese and English text from it', () => {
    const { report } = reportWith({ impression: '左肺上叶实性结节。' });
    expect(() => structuredReportSchema.parse(report)).not.toThrow();
    expect(report.examType).toBe('chest-ct');
    expect(report.lungRads).toMatchObject({ category: '4A', meanDiameterMm: 9 });
    const zh = renderReportText(report, 'zh-CN');
    expect(zh).toContain('1. 左肺上叶实性结节，大小约 9.0 × 9.0 mm（平均直径 9.0 mm），Lung-RADS 4A 类。（AI检出，医师确认）');
    expect(zh).toContain('本报告由人工智能辅助生成，经医师审核确认。参与模型：lung-nodule-cad 1.2.0');
    expect(zh).toContain('3个月后低剂量CT复查');
    const en = renderReportText(report, 'en');
    expect(en).toContain('1. Left upper lobe solid nodule, 9.0 × 9.0 mm (mean diameter 9.0 mm), Lung-RADS category 4A. (AI-detected, physician-confirmed)');
    expect(en).toContain('Models: lung-nodule-cad 1.2.0');
  });

  it('reports stroke core volume and side, and brain volumetry in mL', () => {
    const core: Finding = { id: 'c1', type: 'core', label: 'core', centerLPS: [30, 0, 0], volumeMl: 12.4, side: 'left', location: 'left MCA territory' };
    const stroke = analysis(8, [core], { measurements: [{ name: 'infarct_core', value: 12.4, unit: 'mL' }] });
    const strokeState = foldReview(aiInputs(8, [core]), []);
    const strokeReport = buildReport({ study: { studyInstanceUID: '1.2.3', modalities: ['MR'] }, analyses: [stroke], state: strokeState, warnings: [], now: 'x' });
    expect(strokeReport.examType).toBe('dwi-stroke');
    expect(renderReportText(strokeReport, 'zh-CN')).toContain('梗死核心体积约 12.4 mL，位于左侧大脑中动脉供血区。');
    const volumes = analysis(9, [], { measurements: [{ name: 'Left-Hippocampus', value: 4.12, unit: 'mL', label: { en: 'Left hippocampus', 'zh-CN': '左侧海马' } }] });
    const volReport = buildReport({ study: { studyInstanceUID: '1.2.3', modalities: ['MR'] }, analyses: [volumes], state: foldReview([], []), warnings: [], now: 'x' });
    expect(examTypeOf({ studyInstanceUID: '1.2.3', modalities: ['MR'] }, [volumes], foldReview([], []))).toBe('brain-mr-volumetry');
    expect(renderReportText(volReport, 'zh-CN')).toContain('左侧海马：4.12 mL');
    expect(volReport.models.map((m) => m.id)).toEqual([MODEL.id]);
  });

  it('leaves a rejected finding out of the text and the model list', () => {
    const a = analysis(5, [nodule('f1', 40, 9)]);
    const { events, push } = eventLog();
    push({ action: 'reject', finding: { analysisId: 5, findingId: 'f1' }, reason: 'vessel' });
    const report = buildReport({ study: STUDY, analyses: [a], state: foldReview(aiInputs(5, a.findings), events), warnings: [], now: 'x' });
    expect(renderReportText(report, 'zh-CN')).toContain('未见肺结节。');
    expect(report.models).toEqual([]);
    expect(report.lungRads?.category).toBe('1');
  });
});

describe('consistency checks', () => {
  it('treats LPS x > 0 as patient left, near zero as no side', () => {
    expect(sideOfCoordinates([40, 0, 0])).toBe('left');
    expect(sideOfCoordinates([-40, 0, 0])).toBe('right');
    expect(sideOfCoordinates([5, 0, 0])).toBeNull();
  });

  it('raises nothing for a consistent report', () => {
    expect(reportWith({ impression: '左肺上叶实性结节，9.0 mm，Lung-RADS 4A 类。' }).keys).toEqual([]);
  });

  it('flags a location word contradicting the coordinates', () => {
    expect(reportWith({ edit: { location: 'right upper lobe' }, impression: '右肺上叶实性结节。' }).keys).toContain('laterality:5:f1');
  });

  it('flags a side in the text that contradicts the finding of that size', () => {
    expect(reportWith({ impression: '左肺上叶结节。右侧 9.0 mm 结节。' }).keys).toContain('laterality:5:f1');
  });

  it('flags a category that contradicts the size, but accepts 4X over a category-3/4 size', () => {
    expect(reportWith({ edit: { lungRadsCategory: '2' }, impression: '左肺上叶实性结节。' }).keys).toContain('size-category:5:f1');
    expect(reportWith({ edit: { lungRadsCategory: '4X' }, impression: '左肺上叶实性结节。' }).keys).not.toContain('size-category:5:f1');
    expect(reportWith({ impression: '左肺上叶实性结节，Lung-RADS 4B 类。' }).keys).toContain('size-category:text:4B');
  });

  it('flags a kept finding the text does not mention', () => {
    expect(reportWith({ impression: '双肺未见异常。' }).keys).toContain('missing-from-text:5:f1');
    expect(reportWith({ impression: 'Left upper lobe nodule.' }).keys).not.toContain('missing-from-text:5:f1');
  });

  it('flags speculative wording in either language from a configurable list', () => {
    expect(reportWith({ impression: '左肺上叶实性结节，不除外恶性。' }).keys).toContain('forbidden-phrase:不除外');
    expect(reportWith({ impression: 'Left upper lobe nodule, possibly malignant.' }).keys).toContain('forbidden-phrase:possibly');
    expect(reportWith({ impression: '左肺上叶实性结节，不除外恶性。', phrases: ['建议'] }).keys).toEqual([]);
  });
});
