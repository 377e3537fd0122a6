// Report wording as data: anatomical locations, finding types and fixed phrases in Chinese
// medical terminology and English. Templates look terms up here; nothing is translated ad hoc.
import type { NoduleConsistency, Side } from '../../../shared/ai-results';
import type { ExamType, RejectReason, ReportStatus } from '../../../shared/reports';

export type ReportLanguage = 'zh-CN' | 'en';
export type Term = Record<ReportLanguage, string>;

/** Location keys the pipelines emit (lung lobes, vascular territories, brain regions). */
export const LOCATION_TERMS: Record<string, Term> = {
  'right upper lobe': { en: 'right upper lobe', 'zh-CN': '右肺上叶' },
  'right middle lobe': { en: 'right middle lobe', 'zh-CN': '右肺中叶' },
  'right lower lobe': { en: 'right lower lobe', 'zh-CN': '右肺下叶' },
  'left upper lobe': { en: 'left upper lobe', 'zh-CN': '左肺上叶' },
  'left lower lobe': { en: 'left lower lobe', 'zh-CN': '左肺下叶' },
  'right lung': { en: 'right lung', 'zh-CN': '右肺' },
  'left lung': { en: 'left lung', 'zh-CN': '左肺' },
  'left MCA territory': { en: 'left MCA territory', 'zh-CN': '左侧大脑中动脉供血区' },
  'right MCA territory': { en: 'right MCA territory', 'zh-CN': '右侧大脑中动脉供血区' },
  'left ACA territory': { en: 'left ACA territory', 'zh-CN': '左侧大脑前动脉供血区' },
  'right ACA territory': { en: 'right ACA territory', 'zh-CN': '右侧大脑前动脉供血区' },
  'left PCA territory': { en: 'left PCA territory', 'zh-CN': '左侧大脑后动脉供血区' },
  'right PCA territory': { en: 'right PCA territory', 'zh-CN': '右侧大脑后动脉供血区' },
  'left hemisphere': { en: 'left cerebral hemisphere', 'zh-CN': '左侧大脑半球' },
  'right hemisphere': { en: 'right cerebral hemisphere', 'zh-CN': '右侧大脑半球' },
  brainstem: { en: 'brainstem', 'zh-CN': '脑干' },
  cerebellum: { en: 'cerebellum', 'zh-CN': '小脑' },
};

export const CONSISTENCY_TERMS: Record<NoduleConsistency, Term> = {
  solid: { en: 'solid nodule', 'zh-CN': '实性结节' },
  'part-solid': { en: 'part-solid nodule', 'zh-CN': '部分实性结节' },
  'ground-glass': { en: 'ground-glass nodule', 'zh-CN': '磨玻璃结节' },
};

export const TYPE_TERMS: Record<string, Term> = {
  nodule: { en: 'nodule', 'zh-CN': '结节' },
  mass: { en: 'mass', 'zh-CN': '肿块' },
  lesion: { en: 'lesion', 'zh-CN': '病灶' },
  core: { en: 'infarct core', 'zh-CN': '梗死核心' },
  structure: { en: 'structure', 'zh-CN': '结构' },
  detection: { en: 'finding', 'zh-CN': '病灶' },
  classification: { en: 'finding', 'zh-CN': '所见' },
};

export const SIDE_TERMS: Record<Side, Term> = {
  left: { en: 'left', 'zh-CN': '左侧' },
  right: { en: 'right', 'zh-CN': '右侧' },
  midline: { en: 'midline', 'zh-CN': '中线' },
  bilateral: { en: 'bilateral', 'zh-CN': '双侧' },
};

export const REJECT_REASON_TERMS: Record<RejectReason, Term> = {
  vessel: { en: 'vessel', 'zh-CN': '血管' },
  scar: { en: 'scar', 'zh-CN': '瘢痕' },
  artefact: { en: 'artefact', 'zh-CN': '伪影' },
  'outside-organ': { en: 'outside the organ', 'zh-CN': '器官外' },
  other: { en: 'other', 'zh-CN': '其他' },
};

export const STATUS_TERMS: Record<ReportStatus, Term> = {
  draft: { en: 'Draft', 'zh-CN': '草稿' },
  preliminary: { en: 'Preliminary', 'zh-CN': '初步报告' },
  final: { en: 'Final', 'zh-CN': '正式报告' },
  addendum: { en: 'Final with addendum', 'zh-CN': '正式报告（含补充）' },
};

export const EXAM_TITLES: Record<ExamType, Term> = {
  'chest-ct': { en: 'Chest CT report', 'zh-CN': '胸部CT检查报告' },
  'brain-mr-volumetry': { en: 'Brain MR volumetry report', 'zh-CN': '颅脑MR体积测量报告' },
  'dwi-stroke': { en: 'Brain MR diffusion (acute stroke) report', 'zh-CN': '颅脑MR弥散加权成像（急性脑卒中）报告' },
  other: { en: 'Imaging report', 'zh-CN': '影像检查报告' },
};

export const PHRASES = {
  findings: { en: 'Findings', 'zh-CN': '检查所见' },
  impression: { en: 'Impression', 'zh-CN': '诊断意见' },
  recommendation: { en: 'Recommendation', 'zh-CN': '建议' },
  addendum: { en: 'Addendum', 'zh-CN': '补充报告' },
  status: { en: 'Status', 'zh-CN': '报告状态' },
  noNodules: { en: 'No pulmonary nodule reported.', 'zh-CN': '未见肺结节。' },
  noFindings: { en: 'No AI-detected finding was confirmed.', 'zh-CN': '无经确认的AI检出病灶。' },
  volumetry: { en: 'Brain structure volumes', 'zh-CN': '脑结构体积' },
  coreNone: { en: 'No infarct core above the threshold (ADC < 620 × 10⁻⁶ mm²/s).', 'zh-CN': '未见达到阈值（ADC < 620 × 10⁻⁶ mm²/s）的梗死核心。' },
  aiStatement: {
    en: 'This report was prepared with AI assistance and confirmed by a physician. Models: ',
    'zh-CN': '本报告由人工智能辅助生成，经医师审核确认。参与模型：',
  },
  noAi: { en: 'No AI model contributed to this report.', 'zh-CN': '本报告未使用人工智能模型结果。' },
  readerAdded: { en: 'added by the reader', 'zh-CN': '医师补充' },
  aiDetected: { en: 'AI-detected, physician-confirmed', 'zh-CN': 'AI检出，医师确认' },
  aiEdited: { en: 'AI-detected, physician-edited', 'zh-CN': 'AI检出，医师修改' },
  lowConfidence: { en: 'low confidence — correlate clinically', 'zh-CN': '低置信度——请结合临床' },
  signedBy: { en: 'Signed', 'zh-CN': '签署' },
  meanDiameter: { en: 'mean diameter', 'zh-CN': '平均直径' },
  size: { en: 'size', 'zh-CN': '大小' },
  volume: { en: 'volume', 'zh-CN': '体积' },
  solidComponent: { en: 'solid component', 'zh-CN': '实性成分' },
} satisfies Record<string, Term>;

export function locationTerm(location: string | undefined, lang: ReportLanguage): string | undefined {
  if (!location) return undefined;
  return LOCATION_TERMS[location]?.[lang] ?? location;
}
