// Applies the triage rules (triage-rules.ts) to a study's stored analyses. Pure: the worklist
// store calls it when an analysis is stored and writes the flags onto the study row.
import type { AnalysisResult } from '../../../shared/ai-results';
import type { TriageFlag } from '../../../shared/study-ai';
import { TRIAGE_RULES, type TriageRule } from './triage-rules';

/** The largest qualifying value of one rule in one analysis, or null when it does not fire. */
function ruleValue(rule: TriageRule, analysis: AnalysisResult): number | null {
  let best: number | null = null;
  const consider = (value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value) && value >= rule.min && (best === null || value > best)) best = value;
  };
  if (rule.kind === 'finding') {
    for (const finding of analysis.findings) if (rule.types.includes(finding.type)) consider(finding[rule.metric]);
  } else {
    for (const m of analysis.measurements) if (m.name === rule.name && m.unit === rule.unit) consider(m.value);
  }
  return best;
}

/**
 * Flags of a study: one per label (two rules with the same text, e.g. the infarct core as a
 * measurement or as a finding, give one flag), keeping the largest value and its analysis.
 */
export function evaluateTriage(analyses: readonly AnalysisResult[], rules: readonly TriageRule[] = TRIAGE_RULES): TriageFlag[] {
  const flags = new Map<string, TriageFlag>();
  for (const rule of rules) {
    for (const analysis of analyses) {
      const value = ruleValue(rule, analysis);
      if (value === null) continue;
      const key = rule.label.en;
      const existing = flags.get(key);
      if (!existing || value > existing.value) {
        flags.set(key, { rule: existing?.rule ?? rule.id, label: rule.label, value, unit: rule.unit, analysisId: analysis.analysisId });
      }
    }
  }
  return [...flags.values()];
}
