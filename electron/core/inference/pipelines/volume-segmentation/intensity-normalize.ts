// The intensity steps of a segmentation manifest, applied in place to the conformed volume:
// percentile clipping then scaling to [0, 1] (brainchop's normalisation), min–max scaling, or a
// CT window. Percentiles follow numpy's default ("linear" interpolation between order
// statistics), so an independent numpy reference computes the very same bounds.
import { AppError } from '../../../../shared/result';
import type { SegmentationPlan } from './segmentation-steps';

/** numpy.percentile(values, p) with linear interpolation, from sorted values. */
export function percentileOfSorted(sorted: Float32Array, percent: number): number {
  if (sorted.length === 0) return 0;
  const position = (percent / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const lo = sorted[below] as number;
  return lo + (position - below) * ((sorted[above] as number) - lo);
}

function scaleInto(values: Float32Array, lo: number, hi: number): void {
  if (!(hi > lo)) throw new AppError('NOT_A_VOLUME', 'The image has no intensity range to normalise (it is uniform); check the series.');
  const span = hi - lo;
  for (let n = 0; n < values.length; n++) {
    const v = ((values[n] as number) - lo) / span;
    values[n] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}

export function normalizeIntensities(values: Float32Array, steps: SegmentationPlan['intensity']): void {
  for (const step of steps) {
    if (step.op === 'percentile_normalize') {
      const sorted = values.slice().sort();
      scaleInto(values, percentileOfSorted(sorted, step.lowPercent), percentileOfSorted(sorted, step.highPercent));
    } else if (step.op === 'minmax_scale') {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of values) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      scaleInto(values, lo, hi);
      if (step.min !== 0 || step.max !== 1) for (let n = 0; n < values.length; n++) values[n] = step.min + (values[n] as number) * (step.max - step.min);
    } else {
      scaleInto(values, step.center - step.width / 2, step.center + step.width / 2);
    }
  }
}
