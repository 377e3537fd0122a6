// Worklist triage rules as data: each says which findings or measurements of a stored analysis
// raise a flag, and how the flag reads in both languages. A flagged study sorts above unflagged
// ones of the same priority when the reader sorts by AI. Thresholds follow the clinical cut-offs
// they name: Lung-RADS v2022 makes a solid nodule ≥ 8 mm category 4A (suspicious); a mass is a
// lesion of 3 cm or more (Fleischner glossary: > 3 cm); an infarct core ≥ 1 mL is visible, treatable ischaemia
// on the RAPID/DEFUSE core threshold (ADC < 620 × 10⁻⁶ mm²/s).
import type { FindingType } from '../../../shared/ai-results';

export type FindingMetric = 'longAxisMm' | 'shortAxisMm' | 'volumeMl' | 'probability';

interface RuleText {
  en: string;
  'zh-CN': string;
}

/** Raised when a finding of one of `types` has `metric` ≥ `min`. */
export interface FindingRule {
  id: string;
  kind: 'finding';
  label: RuleText;
  types: readonly FindingType[];
  metric: FindingMetric;
  min: number;
  unit: string;
}

/** Raised when a measurement called `name` in `unit` is ≥ `min`. */
export interface MeasurementRule {
  id: string;
  kind: 'measurement';
  label: RuleText;
  name: string;
  unit: string;
  min: number;
}

export type TriageRule = FindingRule | MeasurementRule;

export const TRIAGE_RULES: readonly TriageRule[] = [
  {
    id: 'lung-lesion-8mm',
    kind: 'finding',
    label: { en: 'Lung lesion ≥ 8 mm', 'zh-CN': '肺部病灶 ≥ 8 mm' },
    types: ['nodule', 'mass'],
    metric: 'longAxisMm',
    min: 8,
    unit: 'mm',
  },
  {
    id: 'lung-mass-30mm',
    kind: 'finding',
    label: { en: 'Lung mass ≥ 3 cm', 'zh-CN': '肺部肿块 ≥ 3 cm' },
    types: ['mass', 'nodule'],
    metric: 'longAxisMm',
    min: 30,
    unit: 'mm',
  },
  {
    id: 'infarct-core-1ml',
    kind: 'measurement',
    label: { en: 'Infarct core ≥ 1 mL', 'zh-CN': '梗死核心 ≥ 1 mL' },
    name: 'infarct_core',
    unit: 'mL',
    min: 1,
  },
  {
    id: 'infarct-core-lesion-1ml',
    kind: 'finding',
    label: { en: 'Infarct core ≥ 1 mL', 'zh-CN': '梗死核心 ≥ 1 mL' },
    types: ['core'],
    metric: 'volumeMl',
    min: 1,
    unit: 'mL',
  },
];
