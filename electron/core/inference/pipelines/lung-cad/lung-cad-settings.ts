// The lung CAD's decision values, read from the installed manifest's `thresholds` (where the
// package build writes them with their rationale: native-models/src/lung-cad/), so a site sees
// every number that decides and a new package version can change them without new code.
import type { ModelManifest } from '../../../../shared/model-manifest';
import { AppError } from '../../../../shared/result';

const KEYS = [
  'minSpacingMm',
  'lungHu',
  'airwayHu',
  'growHu',
  'solidHu',
  'calcifiedHu',
  'dotMin',
  'minDiameterMm',
  'massDiameterMm',
  'pleuralClosingMm',
  'maxElongation',
  'reportScore',
  'lowConfidenceUncertainty',
  'ttaRuns',
] as const;

export type LungCadSettings = Record<(typeof KEYS)[number], number> & {
  /** Gaussian scales of the filter graph in mm, index = the graph's `dot_scale` output. */
  scalesMm: number[];
};

export function lungCadSettings(manifest: Pick<ModelManifest, 'id' | 'thresholds'>): LungCadSettings {
  const t = manifest.thresholds;
  const missing = KEYS.filter((key) => typeof t[key] !== 'number' || !Number.isFinite(t[key]));
  const scalesMm: number[] = [];
  for (let n = 0; typeof t[`scale${n}Mm`] === 'number'; n++) scalesMm.push(t[`scale${n}Mm`] as number);
  if (missing.length || scalesMm.length === 0) {
    throw new AppError(
      'MODEL_INVALID',
      `The model package ${manifest.id} lacks lung CAD settings (${[...missing, ...(scalesMm.length ? [] : ['scale0Mm'])].join(', ')}); reinstall it from its original media.`,
    );
  }
  const values = Object.fromEntries(KEYS.map((key) => [key, t[key] as number])) as Record<(typeof KEYS)[number], number>;
  return { ...values, scalesMm };
}
