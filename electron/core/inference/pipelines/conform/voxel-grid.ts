// A voxel grid in DICOM patient space (LPS, mm; PS3.3 C.7.6.2.1.1): the geometry part of a
// Volume, and the index ↔ patient maps every resampling step needs. The direction vectors need
// not be orthogonal (a sheared grid still inverts), only independent.
import type { Vec3 } from '../../../volumes/vector-math';
import type { Volume } from '../../../volumes/volume';

export type VoxelGrid = Pick<Volume, 'dimensions' | 'spacing' | 'origin' | 'direction'>;

/** Row-major 3×4: patient = M · [i, j, k, 1]. */
export type Affine3x4 = readonly [readonly number[], readonly number[], readonly number[]];

export function indexToPatient(grid: VoxelGrid): Affine3x4 {
  const [di, dj, dk] = grid.direction;
  const [si, sj, sk] = grid.spacing;
  const row = (r: 0 | 1 | 2) => [di[r] * si, dj[r] * sj, dk[r] * sk, grid.origin[r]];
  return [row(0), row(1), row(2)];
}

/** The inverse of `indexToPatient` (continuous voxel index of a patient point). */
export function patientToIndex(grid: VoxelGrid): Affine3x4 {
  const m = indexToPatient(grid);
  const a = (r: number, c: number) => (m[r] as number[])[c] as number;
  const det =
    a(0, 0) * (a(1, 1) * a(2, 2) - a(1, 2) * a(2, 1)) -
    a(0, 1) * (a(1, 0) * a(2, 2) - a(1, 2) * a(2, 0)) +
    a(0, 2) * (a(1, 0) * a(2, 1) - a(1, 1) * a(2, 0));
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) throw new RangeError('degenerate voxel grid (direction vectors are not independent)');
  const inv = [
    [(a(1, 1) * a(2, 2) - a(1, 2) * a(2, 1)) / det, (a(0, 2) * a(2, 1) - a(0, 1) * a(2, 2)) / det, (a(0, 1) * a(1, 2) - a(0, 2) * a(1, 1)) / det],
    [(a(1, 2) * a(2, 0) - a(1, 0) * a(2, 2)) / det, (a(0, 0) * a(2, 2) - a(0, 2) * a(2, 0)) / det, (a(0, 2) * a(1, 0) - a(0, 0) * a(1, 2)) / det],
    [(a(1, 0) * a(2, 1) - a(1, 1) * a(2, 0)) / det, (a(0, 1) * a(2, 0) - a(0, 0) * a(2, 1)) / det, (a(0, 0) * a(1, 1) - a(0, 1) * a(1, 0)) / det],
  ];
  const t = [a(0, 3), a(1, 3), a(2, 3)];
  return [0, 1, 2].map((r) => {
    const row = inv[r] as number[];
    return [row[0] as number, row[1] as number, row[2] as number, -((row[0] as number) * (t[0] as number) + (row[1] as number) * (t[1] as number) + (row[2] as number) * (t[2] as number))];
  }) as unknown as Affine3x4;
}

export function applyAffine3x4(m: Affine3x4, p: Vec3): [number, number, number] {
  const row = (r: number) => {
    const a = m[r] as number[];
    return (a[0] as number) * p[0] + (a[1] as number) * p[1] + (a[2] as number) * p[2] + (a[3] as number);
  };
  return [row(0), row(1), row(2)];
}

/** Composite map from the voxel index of `from` to the continuous voxel index of `to`. */
export function indexToIndex(from: VoxelGrid, to: VoxelGrid): Affine3x4 {
  const a = indexToPatient(from);
  const b = patientToIndex(to);
  const out: number[][] = [];
  for (let r = 0; r < 3; r++) {
    const br = b[r] as number[];
    const row: number[] = [];
    for (let c = 0; c < 4; c++) {
      let v = 0;
      for (let x = 0; x < 3; x++) v += (br[x] as number) * ((a[x] as number[])[c] as number);
      row.push(c === 3 ? v + (br[3] as number) : v);
    }
    out.push(row);
  }
  return out as unknown as Affine3x4;
}

export const voxelCount = (grid: Pick<VoxelGrid, 'dimensions'>): number => grid.dimensions[0] * grid.dimensions[1] * grid.dimensions[2];
