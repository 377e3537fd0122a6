// Volume of one voxel in patient space: |det| of the index-to-patient matrix, so a sheared
// (gantry-tilted) or oblique grid is measured correctly, not just spacing_i × spacing_j × spacing_k.
import type { VoxelGrid } from '../conform/voxel-grid';

export function voxelVolumeMm3(grid: Pick<VoxelGrid, 'spacing' | 'direction'>): number {
  const [a, b, c] = grid.direction.map((d, n) => d.map((x) => x * (grid.spacing[n] as number))) as [number[], number[], number[]];
  const det =
    (a[0] as number) * ((b[1] as number) * (c[2] as number) - (b[2] as number) * (c[1] as number)) -
    (a[1] as number) * ((b[0] as number) * (c[2] as number) - (b[2] as number) * (c[0] as number)) +
    (a[2] as number) * ((b[0] as number) * (c[1] as number) - (b[1] as number) * (c[0] as number));
  return Math.abs(det);
}

/** Millilitres (cm³) per voxel. */
export const voxelVolumeMl = (grid: Pick<VoxelGrid, 'spacing' | 'direction'>): number => voxelVolumeMm3(grid) / 1000;
