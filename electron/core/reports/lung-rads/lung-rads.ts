// Lung-RADS v2022 (American College of Radiology, Lung-RADS v2022 assessment categories, released
// November 2022): the category of one pulmonary nodule from its type and mean diameter.
//
// Sizes are mean diameters, (long axis + short axis) / 2, rounded to one decimal place as v2022
// requires (v1.1 rounded to whole millimetres). For part-solid nodules both the total mean
// diameter and the solid component's mean diameter decide. Growth is an increase in mean diameter
// of more than 1.5 mm within 12 months, which needs a prior examination.
//
// NOT modelled (the reader sets the category by hand, recorded as an override):
// - category 0 (incomplete examination, infectious/inflammatory findings), category 1 and 2
//   benign features (calcification patterns, fat, perifissural/juxtapleural nodules < 10 mm,
//   which are 2 whatever their size), atypical pulmonary cysts, airway (endobronchial) nodules;
// - 4X (category 3 or 4 nodules with additional features increasing suspicion), the S modifier;
// - stepped management of stable nodules beyond: 3 stable at 6-month → 2, 4A stable at 3-month → 3;
//   a stable nodule without a known prior category is reported as 2;
// - growth without a prior: with no prior study every nodule is assessed as at baseline.
import type { NoduleConsistency } from '../../../shared/ai-results';
import type { LungRadsCategory } from '../../../shared/reports';

/** Baseline screening, a nodule new since the prior, growing (> 1.5 mm / 12 months), or stable. */
export type NoduleTiming = 'baseline' | 'new' | 'growing' | 'stable';

export interface NoduleInput {
  consistency: NoduleConsistency;
  longAxisMm: number;
  /** When absent the long axis is used for both (mean diameter = long axis). */
  shortAxisMm?: number;
  /** Part-solid only: mean diameter of the solid component. Absent = unknown (treated as < 6 mm at baseline, < 4 mm new). */
  solidComponentMm?: number;
  timing?: NoduleTiming;
  /** For stable nodules: the category at the prior examination. */
  priorCategory?: LungRadsCategory;
}

/** (long + short) / 2 to one decimal, as Lung-RADS v2022 measures nodules. */
export function meanDiameterMm(longAxisMm: number, shortAxisMm?: number): number {
  const mean = (longAxisMm + (shortAxisMm ?? longAxisMm)) / 2;
  return Math.round(mean * 10) / 10;
}

const round1 = (mm: number) => Math.round(mm * 10) / 10;

function solid(mean: number, timing: NoduleTiming): LungRadsCategory {
  if (timing === 'new') return mean < 4 ? '2' : mean < 6 ? '3' : mean < 8 ? '4A' : '4B';
  if (timing === 'growing') return mean < 8 ? '4A' : '4B';
  return mean < 6 ? '2' : mean < 8 ? '3' : mean < 15 ? '4A' : '4B';
}

function partSolid(total: number, solidPart: number, timing: NoduleTiming): LungRadsCategory {
  if (timing === 'new' || timing === 'growing') {
    // v2022: new part-solid < 6 mm total → 3; new or growing solid component < 4 mm → 4A, ≥ 4 mm → 4B.
    if (timing === 'new' && total < 6) return '3';
    return solidPart < 4 ? '4A' : '4B';
  }
  if (total < 6) return '2';
  return solidPart < 6 ? '3' : solidPart < 8 ? '4A' : '4B';
}

function groundGlass(mean: number, timing: NoduleTiming): LungRadsCategory {
  // Ground-glass < 30 mm is 2 at baseline, new or growing; ≥ 30 mm is 3 at baseline or new, and 2 when stable or slowly growing.
  if (mean < 30) return '2';
  return timing === 'baseline' || timing === 'new' ? '3' : '2';
}

export function lungRadsCategory(nodule: NoduleInput): LungRadsCategory {
  const timing = nodule.timing ?? 'baseline';
  const mean = meanDiameterMm(nodule.longAxisMm, nodule.shortAxisMm);
  if (timing === 'stable') {
    if (nodule.priorCategory === '4A') return '3';
    if (nodule.priorCategory === '4B' || nodule.priorCategory === '4X') return nodule.priorCategory;
    return '2';
  }
  switch (nodule.consistency) {
    case 'solid':
      return solid(mean, timing);
    case 'part-solid':
      return partSolid(mean, round1(nodule.solidComponentMm ?? 0), timing);
    case 'ground-glass':
      return groundGlass(mean, timing);
  }
}

const ORDER: readonly LungRadsCategory[] = ['0', '1', '2', '3', '4A', '4B', '4X'];

/** The most suspicious of several categories (the one that drives management); 1 when there is none. */
export function highestCategory(categories: readonly LungRadsCategory[]): LungRadsCategory {
  return categories.reduce<LungRadsCategory>((max, c) => (ORDER.indexOf(c) > ORDER.indexOf(max) ? c : max), '1');
}

/** Management recommendation per category (Lung-RADS v2022 table), in both report languages. */
export const LUNG_RADS_MANAGEMENT: Record<LungRadsCategory, { en: string; 'zh-CN': string }> = {
  '0': {
    en: 'Additional lung cancer screening CT images and/or comparison to prior chest CT examinations is needed; 1–3 month LDCT for findings suggestive of an inflammatory or infectious process.',
    'zh-CN': '需补充肺癌筛查CT图像和/或与既往胸部CT对比；提示炎性或感染性病变者1～3个月后低剂量CT复查。',
  },
  '1': { en: 'Continue annual screening with LDCT in 12 months.', 'zh-CN': '12个月后继续低剂量CT年度筛查。' },
  '2': { en: 'Continue annual screening with LDCT in 12 months.', 'zh-CN': '12个月后继续低剂量CT年度筛查。' },
  '3': { en: '6-month LDCT.', 'zh-CN': '6个月后低剂量CT复查。' },
  '4A': {
    en: '3-month LDCT; PET/CT may be considered if there is a ≥ 8 mm solid nodule or solid component.',
    'zh-CN': '3个月后低剂量CT复查；实性结节或实性成分≥8 mm者可考虑PET/CT检查。',
  },
  '4B': {
    en: 'Diagnostic chest CT with or without contrast; PET/CT may be considered if there is a ≥ 8 mm solid nodule or solid component; tissue sampling; and/or referral for further clinical evaluation.',
    'zh-CN': '诊断性胸部CT（平扫或增强）；实性结节或实性成分≥8 mm者可考虑PET/CT检查；组织取样活检；和/或转诊进一步临床评估。',
  },
  '4X': {
    en: 'Diagnostic chest CT with or without contrast; PET/CT may be considered if there is a ≥ 8 mm solid nodule or solid component; tissue sampling; and/or referral for further clinical evaluation.',
    'zh-CN': '诊断性胸部CT（平扫或增强）；实性结节或实性成分≥8 mm者可考虑PET/CT检查；组织取样活检；和/或转诊进一步临床评估。',
  },
};
