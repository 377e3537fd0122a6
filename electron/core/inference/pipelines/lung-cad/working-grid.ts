// The grid the lung CAD works on: the source CT box-averaged over whole pixels to a spacing of
// at least `minSpacingMm` along each axis (a 0.65 mm 512² slice becomes 1.94 mm 171²). Whole-
// pixel boxes keep the mapping to the source exact (working voxel = a block of source voxels),
// average noise down instead of aliasing it, and keep the filter graph's kernels inside their
// designed reach. `offset` starts the blocks a few source voxels in: a shifted grid for
// test-time augmentation.
import type { Volume } from '../../../volumes/volume';

export type Index3 = [number, number, number];

export interface WorkingGrid {
  /** [ni, nj, nk] working voxels. */
  dims: Index3;
  /** mm between working voxel centres along i, j, k. */
  spacing: Index3;
  /** Source voxels per working voxel along i, j, k. */
  factor: Index3;
  /** Source index where the first block starts along i, j, k. */
  offset: Index3;
  /** Hounsfield units (modality LUT applied), i fastest. */
  hu: Float32Array;
}

/** Modality values (PS3.3 C.11.1.1.2 rescale) of the whole source volume as float32. */
export function modalityValues(volume: Volume): Float32Array {
  const out = new Float32Array(volume.voxels.length);
  const { rescaleSlope: slope, rescaleIntercept: intercept } = volume;
  for (let v = 0; v < out.length; v++) out[v] = (volume.voxels[v] as number) * slope + intercept;
  return out;
}

export function buildWorkingGrid(volume: Volume, sourceHu: Float32Array, minSpacingMm: number, offset: Index3 = [0, 0, 0]): WorkingGrid {
  const [si, sj] = volume.dimensions;
  const factor = volume.spacing.map((s) => Math.max(1, Math.ceil(minSpacingMm / s - 1e-6))) as Index3;
  const dims = [0, 1, 2].map((a) => Math.floor((volume.dimensions[a]! - offset[a]!) / factor[a]!)) as Index3;
  if (dims.some((d) => d < 1)) throw new RangeError('The series is too small for the lung CAD working grid.');
  const [ni, nj, nk] = dims;
  const [fi, fj, fk] = factor;
  const hu = new Float32Array(ni * nj * nk);
  const weight = 1 / (fi * fj * fk);
  for (let k = 0; k < nk; k++)
    for (let j = 0; j < nj; j++)
      for (let i = 0; i < ni; i++) {
        let sum = 0;
        for (let dk = 0; dk < fk; dk++) {
          const zk = offset[2] + k * fk + dk;
          for (let dj = 0; dj < fj; dj++) {
            const row = (zk * sj + offset[1] + j * fj + dj) * si + offset[0] + i * fi;
            for (let di = 0; di < fi; di++) sum += sourceHu[row + di] as number;
          }
        }
        hu[(k * nj + j) * ni + i] = sum * weight;
      }
  return { dims, spacing: volume.spacing.map((s, a) => s * factor[a]!) as Index3, factor, offset, hu };
}

/** Continuous source index of a working voxel's centre. */
export function workingToSource(grid: WorkingGrid, p: readonly [number, number, number]): Index3 {
  return [0, 1, 2].map((a) => grid.offset[a]! + (p[a]! + 0.5) * grid.factor[a]! - 0.5) as Index3;
}

/** Working voxel (integer index) holding a source voxel, or -1 along an axis outside the grid. */
export function sourceToWorking(grid: WorkingGrid, axis: 0 | 1 | 2, sourceIndex: number): number {
  const w = Math.floor((sourceIndex - grid.offset[axis]) / grid.factor[axis]);
  return w >= 0 && w < grid.dims[axis] ? w : -1;
}

/** A copy of `data` (a grid of `dims`) mirrored along `axis`; applying it twice is the identity. */
export function flipAxis(data: Float32Array, dims: Index3, axis: 0 | 1 | 2 | null): Float32Array {
  if (axis === null) return data;
  const [ni, nj, nk] = dims;
  const out = new Float32Array(data.length);
  for (let k = 0; k < nk; k++)
    for (let j = 0; j < nj; j++)
      for (let i = 0; i < ni; i++) {
        const fi = axis === 0 ? ni - 1 - i : i;
        const fj = axis === 1 ? nj - 1 - j : j;
        const fk = axis === 2 ? nk - 1 - k : k;
        out[(fk * nj + fj) * ni + fi] = data[(k * nj + j) * ni + i] as number;
      }
  return out;
}
