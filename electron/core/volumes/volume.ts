// The volume object the viewer, the AI and the exporters share: native-typed voxels on a grid
// whose voxel-to-patient transform is explicit (DICOM LPS, mm).
import type { Diffusion } from './diffusion-tags';
import type { Vec3 } from './vector-math';
import type { VoxelArray, VoxelType } from './voxel-types';

export interface Volume {
  seriesInstanceUID: string;
  frameOfReferenceUID: string;
  /** "b=1000 dir 3", "echo 2 (TE 30 ms)", … ; empty for a plain 3-D series. */
  label: string;
  /** [columns, rows, slices]: i runs along a row, j down the columns, k along the stack. */
  dimensions: readonly [number, number, number];
  /** Distance between voxel centres along i, j, k in mm. */
  spacing: readonly [number, number, number];
  /** Patient position (LPS, mm) of the centre of voxel (0, 0, 0). */
  origin: Vec3;
  /** Unit vectors of i, j, k in LPS: [rowCosines, columnCosines, sliceDirection]. */
  direction: readonly [Vec3, Vec3, Vec3];
  voxelType: VoxelType;
  /** i fastest, then j, then k. */
  voxels: VoxelArray;
  /** Modality LUT (PS3.3 C.11.1.1.2): value = stored × slope + intercept. */
  rescaleSlope: number;
  rescaleIntercept: number;
  /** Range of stored values. */
  min: number;
  max: number;
  /** True when voxels were interpolated (gantry tilt or irregular spacing). */
  resampled: boolean;
  /** b-value and gradient (LPS) shared by the volume's frames, for diffusion series; else null. */
  diffusion: Diffusion | null;
  warnings: string[];
}

/** The 4×4 voxel-index-to-LPS matrix, row-major: what findings in patient coordinates need. */
export function voxelToPatient(volume: Pick<Volume, 'origin' | 'direction' | 'spacing'>): number[][] {
  const [d0, d1, d2] = volume.direction;
  const [s0, s1, s2] = volume.spacing;
  const row = (r: 0 | 1 | 2) => [d0[r] * s0, d1[r] * s1, d2[r] * s2, volume.origin[r]];
  return [row(0), row(1), row(2), [0, 0, 0, 1]];
}
