// Is a slice stack regular as far as its Image Position (Patient) values can tell? DS values are
// decimal strings of at most 16 bytes (PS3.5 6.2), and many writers keep ~6 significant digits
// (printf %g), so each coordinate is rounded by up to half a unit in its last digit. When every
// gap equals the first gap within the rounding of the positions that define them, the header
// cannot tell the stack from an exactly regular one. dcm2niix then spaces the grid by the first
// gap along the Image Orientation normal (nii_dicom_batch.cpp: dx = intersliceDistance(first,
// second)); following it keeps exported NIfTI and the viewer's grid within 1e-3 mm of the
// reference converter. The price is a drift at the far end of (slices − 1) × (first gap − mean
// gap), so the rule is taken only while that drift stays under MAX_DRIFT_FRACTION of a slice;
// otherwise the caller spaces first-to-last (both end slices exact).
import { type Vec3, dot, sub } from './vector-math';

/** Beyond a hundredth of a slice at the far end, first-to-last spacing wins over agreement with dcm2niix. */
export const MAX_DRIFT_FRACTION = 0.01;

/** Significant digits of a number as its shortest round-trip decimal writes it ("-108.462" → 6). */
export function significantDigits(value: number): number {
  const mantissa = Math.abs(value).toString().split('e')[0] as string;
  const digits = mantissa.replace('.', '').replace(/^0+/, '');
  return Math.max(1, digits.length);
}

/**
 * Half a unit in the last place of `value` written with `digits` significant digits. The stack's
 * digit count is the largest over all its values (a written "-111.070" reads back as -111.07), so
 * an estimate errs only towards a smaller rounding, which keeps the stack on first-to-last spacing.
 */
export function halfUnitInLastPlace(value: number, digits: number): number {
  const magnitude = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
  return 0.5 * 10 ** (magnitude - digits + 1);
}

/** True when the first gap may stand for every gap (see the file comment). `positions` are sorted along `normal`. */
export function gapsAgreeWithinRounding(positions: readonly Vec3[], normal: Vec3): boolean {
  if (positions.length < 3) return true;
  const digits = Math.max(...positions.flatMap((p) => p.map(significantDigits)));
  const rounding = positions.map((p) => p.reduce((sum, c, r) => sum + Math.abs(normal[r] as number) * halfUnitInLastPlace(c, digits), 0));
  const along = positions.map((p) => dot(sub(p, positions[0] as Vec3), normal));
  const gap = (i: number) => (along[i + 1] as number) - (along[i] as number);
  const first = gap(0);
  const firstRounding = (rounding[0] as number) + (rounding[1] as number);
  for (let i = 1; i < positions.length - 1; i++) {
    if (Math.abs(gap(i) - first) > firstRounding + (rounding[i] as number) + (rounding[i + 1] as number)) return false;
  }
  const last = positions.length - 1;
  const drift = Math.abs((along[last] as number) - last * first);
  return drift <= MAX_DRIFT_FRACTION * Math.abs(first);
}
