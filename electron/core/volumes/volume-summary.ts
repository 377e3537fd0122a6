// What `yingdu volume --json` and the viewer's series info show about a volume: its grid and
// value range, without the voxels.
import type { Volume } from './volume';

export interface VolumeSummary {
  label: string;
  dimensions: [number, number, number];
  spacing: [number, number, number];
  origin: [number, number, number];
  /** Column cosines of i, j, k in patient LPS: [iX, iY, iZ, jX, jY, jZ, kX, kY, kZ]. */
  direction: number[];
  dtype: string;
  /** Range of stored values; the modality value is stored × rescaleSlope + rescaleIntercept. */
  min: number;
  max: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  resampled: boolean;
  /** Diffusion b-value (s/mm²) and unit gradient in LPS, for diffusion volumes; else null. */
  diffusion: { bValue: number; direction: number[] | null } | null;
  warnings: string[];
}

export function summarizeVolume(volume: Volume): VolumeSummary {
  return {
    label: volume.label,
    dimensions: [...volume.dimensions],
    spacing: [...volume.spacing],
    origin: [...volume.origin],
    direction: volume.direction.flatMap((v) => [...v]),
    dtype: volume.voxelType,
    min: volume.min,
    max: volume.max,
    rescaleSlope: volume.rescaleSlope,
    rescaleIntercept: volume.rescaleIntercept,
    resampled: volume.resampled,
    diffusion: volume.diffusion ? { bValue: volume.diffusion.bValue, direction: volume.diffusion.direction ? [...volume.diffusion.direction] : null } : null,
    warnings: [...volume.warnings],
  };
}
