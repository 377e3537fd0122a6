// The physician's version of an AI mask whose box was moved or resized in the review. The rule:
// the finding's AI component (its label value in the label map) is carried by the axis-aligned
// affine, in the label map's own voxel grid, that takes the AI box onto the physician's box —
// per grid axis x' = scale·x + offset — sampled nearest neighbour by inverse mapping (every target
// voxel looks up the AI voxel it comes from, so a ×2 resize has no holes) and clipped to the grid.
//   - Boxes: the AI's boundsLPS (else the component's voxel bounding box) and the reader's
//     boundsLPS; when the reader's bounds equal the AI's but the centre moved, the AI box shifted
//     by the centre's move (a pure translation, scale 1).
//   - An axis on which the AI box has no extent (a one-voxel-thick component) is only translated.
//   - Unchanged geometry (same centre, same bounds) is no mapping at all: the AI mask exactly.
// Pure: no I/O; the grid is the analysis output's (origin, unit axis directions, spacing, size).
import type { FindingValues } from '../../shared/reports';

export type Vec3 = [number, number, number];

export interface VoxelGrid {
  origin: readonly number[];
  /** Unit vectors (LPS) of increasing i, j, k. */
  direction: readonly (readonly number[])[];
  spacing: readonly number[];
  dimensions: readonly number[];
}

/** Per grid axis: target = scale·source + offset (continuous voxel indices). */
export interface AxisAffine {
  scale: Vec3;
  offset: Vec3;
}

/** Inclusive voxel-index bounding box of a component. */
export interface VoxelBox {
  lo: Vec3;
  hi: Vec3;
  count: number;
}

/** The geometry a finding had from the AI and has after the review (both in patient LPS, mm). */
export interface ReviewedGeometry {
  ai: Pick<FindingValues, 'centerLPS' | 'boundsLPS'>;
  current: Pick<FindingValues, 'centerLPS' | 'boundsLPS'>;
}

/** Geometry closer than this (mm) is the same: values round-trip through JSON and the form. */
const SAME_MM = 1e-4;
/** An AI box thinner than this (voxels) on an axis is only translated on it. */
const FLAT_VOXELS = 1e-6;
/** Ties at exactly half a voxel go the same way at both ends of a box (half-open intervals), despite float noise. */
const TIE = 1e-7;

/** A patient point (LPS mm) as continuous voxel indices of the grid. */
export function continuousIndex(grid: VoxelGrid, p: readonly number[]): Vec3 {
  return [0, 1, 2].map((a) => grid.direction[a]!.reduce((s, d, k) => s + d * (p[k]! - grid.origin[k]!), 0) / grid.spacing[a]!) as Vec3;
}

/** A patient-space vector (mm) in continuous voxel steps of the grid. */
export const gridDisplacement = (grid: VoxelGrid, v: readonly number[]): Vec3 =>
  [0, 1, 2].map((a) => grid.direction[a]!.reduce((s, d, k) => s + d * v[k]!, 0) / grid.spacing[a]!) as Vec3;

/** An LPS box as [min, max] continuous voxel indices per grid axis (its corners mapped, then ordered). */
function gridBox(grid: VoxelGrid, bounds: readonly [readonly number[], readonly number[]]): [Vec3, Vec3] {
  const a = continuousIndex(grid, bounds[0]);
  const b = continuousIndex(grid, bounds[1]);
  return [[0, 1, 2].map((i) => Math.min(a[i]!, b[i]!)) as Vec3, [0, 1, 2].map((i) => Math.max(a[i]!, b[i]!)) as Vec3];
}

const near = (a: readonly number[] | undefined, b: readonly number[] | undefined) =>
  a !== undefined && b !== undefined && a.every((x, i) => Math.abs(x - b[i]!) <= SAME_MM);
const sameBounds = (a: FindingValues['boundsLPS'], b: FindingValues['boundsLPS']) =>
  a === b || (a !== undefined && b !== undefined && near(a[0], b[0]) && near(a[1], b[1]));

/** True when the reader moved or resized the finding (centre or bounds differ from the AI's). */
export function geometryChanged(g: ReviewedGeometry): boolean {
  const centreMoved = g.current.centerLPS !== undefined && g.ai.centerLPS !== undefined && !near(g.ai.centerLPS, g.current.centerLPS);
  return centreMoved || !sameBounds(g.ai.boundsLPS, g.current.boundsLPS);
}

/** The affine that takes the AI box onto the physician's box, or null when the geometry is unchanged. */
export function reviewedAffine(grid: VoxelGrid, g: ReviewedGeometry, component: VoxelBox): AxisAffine | null {
  if (!geometryChanged(g)) return null;
  const aiBox: [Vec3, Vec3] = g.ai.boundsLPS ? gridBox(grid, g.ai.boundsLPS) : [component.lo, component.hi];
  let target: [Vec3, Vec3];
  if (g.current.boundsLPS && !sameBounds(g.ai.boundsLPS, g.current.boundsLPS)) {
    target = gridBox(grid, g.current.boundsLPS);
  } else {
    const move = g.current.centerLPS && g.ai.centerLPS ? gridDisplacement(grid, g.current.centerLPS.map((x, k) => x - g.ai.centerLPS![k]!)) : [0, 0, 0];
    target = [aiBox[0].map((x, a) => x + move[a]!) as Vec3, aiBox[1].map((x, a) => x + move[a]!) as Vec3];
  }
  const scale: Vec3 = [1, 1, 1];
  const offset: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const aiExtent = aiBox[1][a]! - aiBox[0][a]!;
    if (aiExtent <= FLAT_VOXELS) {
      offset[a] = (target[0][a]! + target[1][a]!) / 2 - (aiBox[0][a]! + aiBox[1][a]!) / 2;
      continue;
    }
    // A collapsed target box keeps a sliver of scale, so the inverse mapping stays defined.
    const s = Math.max(target[1][a]! - target[0][a]!, FLAT_VOXELS) / aiExtent;
    scale[a] = s;
    offset[a] = target[0][a]! - s * aiBox[0][a]!;
  }
  return { scale, offset };
}

/** The AI voxel a target voxel index comes from on one axis (nearest neighbour). */
export const sourceIndex = (affine: AxisAffine, axis: number, target: number): number => Math.floor((target - affine.offset[axis]!) / affine.scale[axis]! + 0.5 + TIE);

/** Inclusive voxel box and voxel count of one label value; null when the label has no voxel. */
export function componentBox(voxels: ArrayLike<number>, dims: readonly number[], labelValue: number): VoxelBox | null {
  const [nx, ny, nz] = dims as [number, number, number];
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  let count = 0;
  for (let k = 0, at = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++, at++) {
        if (voxels[at] !== labelValue) continue;
        count++;
        if (i < lo[0]) lo[0] = i;
        if (i > hi[0]) hi[0] = i;
        if (j < lo[1]) lo[1] = j;
        if (j > hi[1]) hi[1] = j;
        if (k < lo[2]) lo[2] = k;
        if (k > hi[2]) hi[2] = k;
      }
  return count === 0 ? null : { lo, hi, count };
}

/** The target voxel range the mapped component can reach on each axis, clipped to the grid (inclusive; empty when lo > hi). */
export function mappedRange(affine: AxisAffine, component: VoxelBox, dims: readonly number[]): { lo: Vec3; hi: Vec3 } {
  const lo: Vec3 = [0, 0, 0];
  const hi: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const ends = [affine.scale[a]! * (component.lo[a]! - 0.5) + affine.offset[a]!, affine.scale[a]! * (component.hi[a]! + 0.5) + affine.offset[a]!];
    lo[a] = Math.max(0, Math.floor(Math.min(...ends)) - 1);
    hi[a] = Math.min(dims[a]! - 1, Math.ceil(Math.max(...ends)) + 1);
  }
  return { lo, hi };
}

/** Visits every target voxel of the mapped component (grid index i, j, k and flat index). */
export function forEachMappedVoxel(
  voxels: ArrayLike<number>,
  dims: readonly number[],
  labelValue: number,
  affine: AxisAffine,
  component: VoxelBox,
  visit: (flat: number) => void,
): void {
  const [nx, ny, nz] = dims as [number, number, number];
  const range = mappedRange(affine, component, dims);
  const from = [0, 1, 2].map((a) => {
    const map: number[] = [];
    for (let t = range.lo[a]!; t <= range.hi[a]!; t++) map.push(sourceIndex(affine, a, t));
    return map;
  });
  for (let k = range.lo[2]; k <= range.hi[2]; k++) {
    const sk = from[2]![k - range.lo[2]]!;
    if (sk < 0 || sk >= nz) continue;
    for (let j = range.lo[1]; j <= range.hi[1]; j++) {
      const sj = from[1]![j - range.lo[1]]!;
      if (sj < 0 || sj >= ny) continue;
      for (let i = range.lo[0]; i <= range.hi[0]; i++) {
        const si = from[0]![i - range.lo[0]]!;
        if (si < 0 || si >= nx) continue;
        if (voxels[si + nx * (sj + ny * sk)] === labelValue) visit(i + nx * (j + ny * k));
      }
    }
  }
}

/** The mapped component as a grid mask, and its agreement with the AI component (Dice = 2|A∩B| / (|A|+|B|)). */
export function mapComponent(
  voxels: ArrayLike<number>,
  dims: readonly number[],
  labelValue: number,
  affine: AxisAffine,
  component: VoxelBox,
): { mask: Uint8Array; voxels: number; dice: number } {
  const mask = new Uint8Array(dims[0]! * dims[1]! * dims[2]!);
  let count = 0;
  let overlap = 0;
  forEachMappedVoxel(voxels, dims, labelValue, affine, component, (flat) => {
    mask[flat] = 1;
    count++;
    if (voxels[flat] === labelValue) overlap++;
  });
  const total = count + component.count;
  return { mask, voxels: count, dice: total === 0 ? 1 : (2 * overlap) / total };
}
