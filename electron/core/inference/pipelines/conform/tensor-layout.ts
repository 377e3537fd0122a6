// Volume order (i fastest) ↔ model tensor order. The MeshNet / mindgrab packages expect the
// conformed volume as a [1, 1, D, H, W] tensor with the LAST volume axis fastest (NIfTI array
// order as nibabel reads it; ../shared/models/README.md step 3), i.e. D = i, H = j, W = k.
// The manifest's `to_tensor` step names which of the two layouts a model wants.

export type TensorLayout = 'last_axis_fastest' | 'first_axis_fastest';

/** Volume voxels (i fastest) → tensor data for `layout`. */
export function toTensorData(voxels: Float32Array, dims: readonly [number, number, number], layout: TensorLayout): Float32Array {
  if (layout === 'first_axis_fastest') return voxels;
  const [ni, nj, nk] = dims;
  const out = new Float32Array(voxels.length);
  let o = 0;
  for (let i = 0; i < ni; i++) for (let j = 0; j < nj; j++) for (let k = 0; k < nk; k++) out[o++] = voxels[(k * nj + j) * ni + i] as number;
  return out;
}

/** Index in tensor data of volume voxel (i, j, k), for reading outputs per class without copying. */
export function tensorIndexer(dims: readonly [number, number, number], layout: TensorLayout): (i: number, j: number, k: number) => number {
  const [ni, nj, nk] = dims;
  return layout === 'first_axis_fastest' ? (i, j, k) => (k * nj + j) * ni + i : (i, j, k) => (i * nj + j) * nk + k;
}
