// Test-time augmentation by a left–right flip: the model sees the conformed volume mirrored
// along i (left↔right in LIA), its prediction is mirrored back, labels that name a side are
// swapped (Left-X ↔ Right-X, ctx-lh-… ↔ ctx-rh-…), and each label's uncertainty is
// 1 − Dice(original, flipped prediction): 0 when both agree voxel for voxel, 1 when they share
// nothing. A structure the model segments inconsistently under a harmless mirror is flagged.
import type { ModelLabel } from '../../../../shared/model-manifest';
import type { LabelArray } from './label-volume';

// One pass, so a swapped name is never swapped back: Left↔Right anywhere, lh↔rh between separators.
const SIDE_WORDS = /Left|Right|(?<=^|[-_.])(?:lh|rh)(?=$|[-_.])/g;
const MIRROR: Record<string, string> = { Left: 'Right', Right: 'Left', lh: 'rh', rh: 'lh' };

function mirroredKey(key: string): string {
  return key.replace(SIDE_WORDS, (word) => MIRROR[word] ?? word);
}

/** Label index → the index of its mirror-image label (itself for unlateralised labels). */
export function mirrorLabelMap(labels: readonly ModelLabel[]): Map<number, number> {
  const byKey = new Map(labels.map((l) => [l.key, l.index]));
  return new Map(labels.map((l) => [l.index, byKey.get(mirroredKey(l.key)) ?? l.index]));
}

export function swapSides(values: LabelArray, mirror: ReadonlyMap<number, number>): void {
  if ([...mirror].every(([a, b]) => a === b)) return;
  for (let n = 0; n < values.length; n++) values[n] = mirror.get(values[n] as number) ?? (values[n] as number);
}

/** 1 − Dice per label present in either prediction (background excluded). */
export function flipDisagreement(a: LabelArray, b: LabelArray): Map<number, number> {
  const inA = new Map<number, number>();
  const inB = new Map<number, number>();
  const both = new Map<number, number>();
  for (let n = 0; n < a.length; n++) {
    const x = a[n] as number;
    const y = b[n] as number;
    if (x) inA.set(x, (inA.get(x) ?? 0) + 1);
    if (y) inB.set(y, (inB.get(y) ?? 0) + 1);
    if (x && x === y) both.set(x, (both.get(x) ?? 0) + 1);
  }
  const out = new Map<number, number>();
  for (const label of new Set([...inA.keys(), ...inB.keys()])) {
    const denominator = (inA.get(label) ?? 0) + (inB.get(label) ?? 0);
    out.set(label, denominator ? 1 - (2 * (both.get(label) ?? 0)) / denominator : 0);
  }
  return out;
}
