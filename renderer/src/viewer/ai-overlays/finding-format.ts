// How a finding reads in the findings panel: size (long × short axis), volume, probability,
// side and location in the current language. Numbers keep the units of the analysis format.
import type { Finding } from '../../../../electron/shared/ai-results';
import type { Language } from '../../../../electron/shared/preferences';

export function findingName(finding: Finding, language: Language): string {
  return finding.name?.[language] ?? finding.label;
}

export function formatSize(finding: Finding): string | null {
  if (finding.longAxisMm === undefined) return null;
  return finding.shortAxisMm !== undefined ? `${finding.longAxisMm.toFixed(1)} × ${finding.shortAxisMm.toFixed(1)} mm` : `${finding.longAxisMm.toFixed(1)} mm`;
}

/** Millilitres below 0.1 mL read better as mm³ (small nodules). */
export function formatVolume(volumeMl: number | undefined): string | null {
  if (volumeMl === undefined) return null;
  return volumeMl < 0.1 ? `${Math.round(volumeMl * 1000)} mm³` : `${volumeMl.toFixed(volumeMl < 10 ? 2 : 1)} mL`;
}

export function formatProbability(probability: number | undefined): string | null {
  return probability === undefined ? null : `${Math.round(probability * 100)} %`;
}

export function formatRange(range: readonly [number, number] | undefined, unit: string | undefined): string {
  if (!range) return unit ?? '';
  const digits = Math.abs(range[1] - range[0]) < 10 ? 2 : 0;
  return `${range[0].toFixed(digits)} – ${range[1].toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}
