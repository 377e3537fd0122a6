// Whether a series may be given to a model, from the manifest's `accepts` rules and the
// series' DICOM attributes: Modality (0008,0060), Body Part Examined (0018,0015), Slice
// Thickness (0018,0050), Rows/Columns (0028,0010/0011), the number of slices, Diffusion
// b-value (0018,9087). Sequence words are hints that rank candidates, never a hard rule:
// series descriptions are free text and vary by site.
import type { ModelManifest } from '../../../shared/model-manifest';

export interface SeriesFacts {
  modality: string;
  bodyPart: string;
  /** Series Description, Protocol Name and Sequence Name joined (free text). */
  description: string;
  sliceThicknessMm: number | null;
  columns: number;
  rows: number;
  slices: number;
  /** A consistent stack that forms a volume (same orientation, regular spacing). */
  isVolume: boolean;
  bValues: number[];
}

export type EligibilityRule = 'modality' | 'bodyPart' | 'sliceThickness' | 'minDims' | 'requires3d' | 'bValues';

export interface EligibilityMismatch {
  rule: EligibilityRule;
  expected: string;
  actual: string;
}

export interface Eligibility {
  eligible: boolean;
  mismatches: EligibilityMismatch[];
  /** Whether a sequence hint word appears in the description (true when the model lists none). */
  sequenceHintMatched: boolean;
}

const norm = (s: string) => s.trim().toUpperCase();

/** Whether a series' b-value counts as the model's `required` one: within 5 s/mm² or 5 %. */
export const matchesBValue = (actual: number, required: number): boolean => Math.abs(actual - required) <= Math.max(5, required * 0.05);

export function checkEligibility(accepts: ModelManifest['accepts'], series: SeriesFacts): Eligibility {
  const mismatches: EligibilityMismatch[] = [];
  if (!accepts.modalities.some((m) => norm(m) === norm(series.modality))) {
    mismatches.push({ rule: 'modality', expected: accepts.modalities.join(' / '), actual: series.modality || '(empty)' });
  }
  if (accepts.bodyParts) {
    const empty = series.bodyPart.trim() === '';
    const matches = accepts.bodyParts.some((b) => norm(b) === norm(series.bodyPart));
    if (!matches && !(empty && accepts.bodyPartOptional)) {
      mismatches.push({ rule: 'bodyPart', expected: accepts.bodyParts.join(' / '), actual: series.bodyPart || '(empty)' });
    }
  }
  const range = accepts.sliceThicknessMm;
  if (range && series.sliceThicknessMm !== null && (series.sliceThicknessMm < range.min || series.sliceThicknessMm > range.max)) {
    mismatches.push({ rule: 'sliceThickness', expected: `${range.min}–${range.max} mm`, actual: `${series.sliceThicknessMm} mm` });
  }
  if (accepts.minDims) {
    const [c, r, s] = accepts.minDims;
    if (series.columns < c || series.rows < r || series.slices < s) {
      mismatches.push({ rule: 'minDims', expected: `≥ ${c}×${r}×${s}`, actual: `${series.columns}×${series.rows}×${series.slices}` });
    }
  }
  if (accepts.requires3d && !series.isVolume) {
    mismatches.push({ rule: 'requires3d', expected: 'a 3-D volume', actual: 'separate images' });
  }
  if (accepts.bValues && !accepts.bValues.every((b) => series.bValues.some((v) => matchesBValue(v, b)))) {
    mismatches.push({ rule: 'bValues', expected: accepts.bValues.join(', '), actual: series.bValues.join(', ') || '(none)' });
  }
  const text = norm(series.description);
  const sequenceHintMatched = accepts.sequenceHints.length === 0 || accepts.sequenceHints.some((h) => text.includes(norm(h)));
  return { eligible: mismatches.length === 0, mismatches, sequenceHintMatched };
}
