// Conform a series volume for the brain models and map their label maps back: the forward step
// resamples modality values (rescale applied) trilinearly onto the conformed cube; the inverse
// step samples the conformed labels at every source voxel centre (nearest), so the result lies
// exactly on the series grid the viewer shows.
import type { Volume } from '../../../volumes/volume';
import { type ConformTarget, conformGrid, FREESURFER_CONFORM } from './conform-grid';
import { resampleInto } from './resample-grid';
import { type VoxelGrid, voxelCount } from './voxel-grid';

export interface ConformedVolume {
  grid: VoxelGrid;
  /** Modality values on `grid`, i fastest; 0 outside the source. */
  voxels: Float32Array;
}

export function conformVolume(
  volume: Pick<Volume, 'dimensions' | 'spacing' | 'origin' | 'direction' | 'voxels' | 'rescaleSlope' | 'rescaleIntercept'>,
  target: ConformTarget = FREESURFER_CONFORM,
  interpolation: 'linear' | 'nearest' = 'linear',
): ConformedVolume {
  const grid = conformGrid(volume, target);
  const voxels = resampleInto({ grid: volume, voxels: volume.voxels }, grid, new Float32Array(voxelCount(grid)), {
    interpolation,
    fill: 0,
    slope: volume.rescaleSlope,
    intercept: volume.rescaleIntercept,
  });
  return { grid, voxels };
}

/** Labels on the conformed grid → labels on the source grid (nearest; 0 where the cube does not reach). */
export function inverseConformLabels<T extends Uint8Array | Uint16Array>(labels: T, conformed: VoxelGrid, source: VoxelGrid): T {
  const out = new (labels.constructor as new (length: number) => T)(voxelCount(source));
  return resampleInto({ grid: conformed, voxels: labels }, source, out, { interpolation: 'nearest', fill: 0 });
}

/** Float maps (probabilities, parametric values) on the conformed grid → source grid (trilinear). */
export function inverseConformValues(values: Float32Array, conformed: VoxelGrid, source: VoxelGrid): Float32Array {
  return resampleInto({ grid: conformed, voxels: values }, source, new Float32Array(voxelCount(source)), { interpolation: 'linear', fill: 0 });
}
