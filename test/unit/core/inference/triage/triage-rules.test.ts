// Each worklist triage rule fires at its threshold and not below it, on analyses shaped exactly
// like `yingdu analyze --json` output; flags keep the largest value and name the analysis.
import { describe, expect, it } from 'vitest';
import type { AnalysisResult, Finding } from '../../../../../electron/shared/ai-results';
import { evaluateTriage } from '../../../../../electron/core/inference/triage/triage-evaluate';
import { TRIAGE_RULES } from '../../../../../electron/core/inference/triage/triage-rules';

let nextId = 1;
function analysis(findings: Partial<Finding>[], measurements: AnalysisResult['measurements'] = []): AnalysisResult {
  const id = nextId++;
  return {
    analysisId: id,
    seriesInstanceUID: '1.2.3',
    studyInstanceUID: '1.2',
    model: { id: 'test-model', version: '1.0.0', sha256: '0'.repeat(64) },
    provider: 'cpu',
    seconds: 1,
    findings: findings.map((f, n) => ({ id: `f${n + 1}`, type: 'nodule', label: 'nodule', centerLPS: [0, 0, 0], ...f })),
    measurements,
    outputs: [],
    warnings: [],
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}
const rules = (flags: ReturnType<typeof evaluateTriage>) => flags.map((f) => f.rule).sort();

describe('triage rules', () => {
  it('every rule has a bilingual label and a positive threshold', () => {
    for (const rule of TRIAGE_RULES) {
      expect(rule.label.en.length).toBeGreaterThan(0);
      expect(rule.label['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.min).toBeGreaterThan(0);
    }
    expect(new Set(TRIAGE_RULES.map((r) => r.id)).size).toBe(TRIAGE_RULES.length);
  });

  it('lung lesion ≥ 8 mm: a nodule of 8.0 mm fires, 7.9 mm does not', () => {
    expect(rules(evaluateTriage([analysis([{ type: 'nodule', longAxisMm: 7.9 }])]))).toEqual([]);
    const flags = evaluateTriage([analysis([{ type: 'nodule', longAxisMm: 8 }])]);
    expect(rules(flags)).toEqual(['lung-lesion-8mm']);
    expect(flags[0]).toMatchObject({ value: 8, unit: 'mm', label: { en: 'Lung lesion ≥ 8 mm', 'zh-CN': '肺部病灶 ≥ 8 mm' } });
  });

  it('lung lesion ignores findings that are not nodules or masses, and findings without a size', () => {
    expect(evaluateTriage([analysis([{ type: 'structure', longAxisMm: 40 }, { type: 'lesion', longAxisMm: 12 }, { type: 'nodule' }])])).toEqual([]);
  });

  it('lung mass ≥ 3 cm fires together with the lesion flag, at 30 mm and not at 29.9 mm', () => {
    expect(rules(evaluateTriage([analysis([{ type: 'mass', longAxisMm: 29.9 }])]))).toEqual(['lung-lesion-8mm']);
    expect(rules(evaluateTriage([analysis([{ type: 'mass', longAxisMm: 30 }])]))).toEqual(['lung-lesion-8mm', 'lung-mass-30mm']);
  });

  it('infarct core ≥ 1 mL from the infarct_core measurement (mL only) or a core finding, as one flag', () => {
    expect(evaluateTriage([analysis([], [{ name: 'infarct_core', value: 0.99, unit: 'mL' }])])).toEqual([]);
    // A value in another unit is not compared with a threshold in mL.
    expect(evaluateTriage([analysis([], [{ name: 'infarct_core', value: 1500, unit: 'mm3' }])])).toEqual([]);
    const byMeasurement = evaluateTriage([analysis([], [{ name: 'infarct_core', value: 1, unit: 'mL' }])]);
    expect(byMeasurement).toMatchObject([{ rule: 'infarct-core-1ml', value: 1, unit: 'mL', label: { 'zh-CN': '梗死核心 ≥ 1 mL' } }]);
    const byFinding = evaluateTriage([analysis([{ type: 'core', label: 'core', volumeMl: 2.5 }])]);
    expect(byFinding).toMatchObject([{ rule: 'infarct-core-lesion-1ml', value: 2.5 }]);
    const both = evaluateTriage([analysis([{ type: 'core', label: 'core', volumeMl: 2.5 }], [{ name: 'infarct_core', value: 2.5, unit: 'mL' }])]);
    expect(both).toHaveLength(1);
  });

  it('keeps the largest value over several analyses and names the analysis that gave it', () => {
    const small = analysis([{ type: 'nodule', longAxisMm: 9 }]);
    const large = analysis([{ type: 'nodule', longAxisMm: 14 }, { type: 'nodule', longAxisMm: 11 }]);
    const [flag] = evaluateTriage([small, large]);
    expect(flag).toMatchObject({ rule: 'lung-lesion-8mm', value: 14, analysisId: large.analysisId });
  });

  it('ignores non-finite values', () => {
    expect(evaluateTriage([analysis([], [{ name: 'infarct_core', value: Number.NaN, unit: 'mL' }])])).toEqual([]);
  });
});
