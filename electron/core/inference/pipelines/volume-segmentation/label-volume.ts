// From model logits to a clean label volume in volume order (i fastest): argmax per voxel,
// then, as the manifest asks, keep the largest connected component of each foreground label
// (e.g. one brain in a brain mask: islands in the scalp or the eyes are dropped) and remove
// components smaller than `minVoxels`. Removed voxels become background (0).
import { type Connectivity, connectedComponents } from '../volume-ops/connected-components';
import { type TensorLayout, tensorIndexer } from '../conform/tensor-layout';
import type { Logits } from './run-segmentation-model';

export type LabelArray = Uint8Array | Uint16Array;

export function argmaxLabels(logits: Logits, dims: readonly [number, number, number], layout: TensorLayout): LabelArray {
  const [ni, nj, nk] = dims;
  const voxels = ni * nj * nk;
  const labels: LabelArray = logits.classes <= 256 ? new Uint8Array(voxels) : new Uint16Array(voxels);
  const at = tensorIndexer(dims, layout);
  const { data, classes } = logits;
  for (let k = 0; k < nk; k++) {
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++) {
        const t = at(i, j, k);
        let best = 0;
        let bestValue = data[t] as number;
        for (let c = 1; c < classes; c++) {
          const v = data[c * voxels + t] as number;
          if (v > bestValue) {
            bestValue = v;
            best = c;
          }
        }
        labels[(k * nj + j) * ni + i] = best;
      }
    }
  }
  return labels;
}

/** Mirrors a volume (i fastest) along i, in place. In the LIA conformed space i runs left↔right. */
export function flipAlongI<T extends { [n: number]: number; length: number }>(values: T, dims: readonly [number, number, number]): T {
  const ni = dims[0];
  for (let row = 0; row < values.length; row += ni) {
    for (let a = row, b = row + ni - 1; a < b; a++, b--) {
      const t = values[a] as number;
      values[a] = values[b] as number;
      values[b] = t;
    }
  }
  return values;
}

export function cleanComponents(
  labels: LabelArray,
  dims: readonly [number, number, number],
  options: { keepLargest: boolean; connectivity: Connectivity; minVoxels: number },
): void {
  const present = new Set<number>();
  for (const v of labels) if (v !== 0) present.add(v);
  const mask = new Uint8Array(labels.length);
  for (const label of present) {
    for (let n = 0; n < labels.length; n++) mask[n] = labels[n] === label ? 1 : 0;
    const { labels: parts, sizes } = connectedComponents(mask, dims, options.connectivity);
    let largest = 0;
    sizes.forEach((size, n) => {
      if (size > (sizes[largest - 1] ?? 0)) largest = n + 1;
    });
    for (let n = 0; n < labels.length; n++) {
      const part = parts[n] as number;
      if (part === 0) continue;
      const drop = (options.keepLargest && part !== largest) || (sizes[part - 1] as number) < options.minVoxels;
      if (drop) labels[n] = 0;
    }
  }
}

/** Labels laid out as the model's tensor (`layout`) → volume order (i fastest). */
export function labelsFromTensorOrder(tensorLabels: LabelArray, dims: readonly [number, number, number], layout: TensorLayout): LabelArray {
  const [ni, nj, nk] = dims;
  const out: LabelArray = tensorLabels instanceof Uint8Array ? new Uint8Array(tensorLabels.length) : new Uint16Array(tensorLabels.length);
  const at = tensorIndexer(dims, layout);
  for (let k = 0, o = 0; k < nk; k++) for (let j = 0; j < nj; j++) for (let i = 0; i < ni; i++, o++) out[o] = tensorLabels[at(i, j, k)] as number;
  return out;
}
