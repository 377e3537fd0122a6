// FreeSurfer's "conform" target (mri_convert --conform): a cube of `size` voxels of `spacingMm`
// in a fixed orientation (LIA for FreeSurfer: i → Left, j → Inferior, k → Anterior), centred on
// the source volume. The MeshNet / mindgrab models were trained on volumes in exactly this space.
// One deliberate difference from FreeSurfer: FreeSurfer centres on voxel N/2 of the source
// (c_ras), which moves by one voxel when a series' slice order is reversed; we centre on the
// geometric centre of the voxel centres, (N-1)/2, so the conformed grid does not depend on slice
// order, and an already conformed 256³ 1 mm LIA volume maps onto itself voxel for voxel.
import type { Vec3 } from '../../../volumes/vector-math';
import { applyAffine3x4, indexToPatient, type VoxelGrid } from './voxel-grid';

/** LPS unit vector of an orientation letter (the letter names where the axis points, RAS-style names). */
const LETTER_LPS: Record<string, Vec3> = {
  L: [1, 0, 0],
  R: [-1, 0, 0],
  P: [0, 1, 0],
  A: [0, -1, 0],
  S: [0, 0, 1],
  I: [0, 0, -1],
};

export interface ConformTarget {
  size: number;
  spacingMm: number;
  /** Three letters, e.g. "LIA" (FreeSurfer's conformed orientation). */
  orientation: string;
}

export const FREESURFER_CONFORM: ConformTarget = { size: 256, spacingMm: 1, orientation: 'LIA' };

export function orientationAxes(orientation: string): [Vec3, Vec3, Vec3] {
  const axes = [...orientation.toUpperCase()].map((letter) => LETTER_LPS[letter]);
  const [a, b, c] = axes;
  const used = new Set(axes.map((v) => (v ? v.findIndex((x) => x !== 0) : -1)));
  if (axes.length !== 3 || !a || !b || !c || used.size !== 3 || used.has(-1)) {
    throw new RangeError(`orientation "${orientation}" must name three different axes, one letter each of L/R, A/P, S/I`);
  }
  return [a, b, c];
}

/** The centre of a grid's voxel centres in LPS mm. */
export function gridCentre(grid: VoxelGrid): [number, number, number] {
  const [ni, nj, nk] = grid.dimensions;
  return applyAffine3x4(indexToPatient(grid), [(ni - 1) / 2, (nj - 1) / 2, (nk - 1) / 2]);
}

export function conformGrid(source: VoxelGrid, target: ConformTarget = FREESURFER_CONFORM): VoxelGrid {
  const direction = orientationAxes(target.orientation);
  const centre = gridCentre(source);
  const half = ((target.size - 1) / 2) * target.spacingMm;
  const origin: Vec3 = [0, 1, 2].map((r) => centre[r] as number - half * direction.reduce((sum, axis) => sum + (axis[r] as number), 0)) as unknown as Vec3;
  return {
    dimensions: [target.size, target.size, target.size],
    spacing: [target.spacingMm, target.spacingMm, target.spacingMm],
    origin,
    direction,
  };
}
