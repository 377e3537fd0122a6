// Picks the two things ADC needs from a split diffusion series: S0 and the images of the highest
// b shell. S0 is the mean of every volume with b ≤ b0MaxBValue: vendors store repeated b=0
// volumes with tiny nominal b-values (this Philips series: b = 0.001–0.004 s/mm²), whose
// diffusion weighting is negligible (e^(−0.004·0.003) ≈ 1), so averaging them raises the SNR of
// S0 by √n instead of throwing four of five b≈0 acquisitions away. The b shell is every volume
// within 5 % of the largest b; its directional images are used when present (the trace is then
// recomputed), otherwise the scanner's isotropic (trace) image.
import { AppError } from '../../../../shared/result';
import type { Volume } from '../../../volumes/volume';
import type { VoxelGrid } from '../conform/voxel-grid';

export interface DiffusionShells {
  grid: VoxelGrid;
  /** Mean of the b≈0 volumes, modality values (PS3.3 C.11.1.1.2 rescale applied), i fastest. */
  s0: Float32Array;
  /** The K images of the b shell one after another (K × voxels), modality values. */
  shell: Float32Array;
  directions: number;
  bValue: number;
  /** Nominal b-values averaged into S0. */
  b0Values: number[];
  /** Whether the shell is directional images (true) or the scanner's isotropic image (false). */
  directional: boolean;
  warnings: string[];
}

export interface ShellRules {
  b0MaxBValue: number;
  minHighBValue: number;
}

const sameGrid = (a: VoxelGrid, b: VoxelGrid): boolean =>
  a.dimensions.every((d, n) => d === b.dimensions[n]) &&
  a.spacing.every((s, n) => Math.abs(s - (b.spacing[n] as number)) < 1e-3) &&
  a.origin.every((o, n) => Math.abs(o - (b.origin[n] as number)) < 1e-2) &&
  a.direction.every((axis, n) => axis.every((c, r) => Math.abs(c - ((b.direction[n] as readonly number[])[r] as number)) < 1e-4));

function modalityValues(volume: Volume, into: Float32Array, weight: number): void {
  const { voxels, rescaleSlope: slope, rescaleIntercept: intercept } = volume;
  for (let v = 0; v < into.length; v++) into[v] = (into[v] as number) + ((voxels[v] as number) * slope + intercept) * weight;
}

export function selectDiffusionShells(volumes: readonly Volume[], rules: ShellRules): DiffusionShells {
  const diffusion = volumes.filter((v) => v.diffusion !== null);
  if (diffusion.length === 0) {
    throw new AppError('INVALID_ARGUMENT', 'This series carries no diffusion b-values, so no ADC map can be computed; choose the DWI series (b=0 and b=1000 images).');
  }
  const b0 = diffusion.filter((v) => (v.diffusion?.bValue ?? Infinity) <= rules.b0MaxBValue);
  const maxB = Math.max(...diffusion.map((v) => v.diffusion?.bValue ?? 0));
  if (b0.length === 0 || maxB < rules.minHighBValue) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The DWI series needs b≈0 images (b ≤ ${rules.b0MaxBValue} s/mm²) and a b shell of at least ${rules.minHighBValue} s/mm²; it has b-values ${[...new Set(diffusion.map((v) => v.diffusion?.bValue))].join(', ')}. ` +
        'Choose a series with both (a separately stored b=0 or ADC series is not combined automatically).',
    );
  }
  const inShell = diffusion.filter((v) => Math.abs((v.diffusion?.bValue ?? 0) - maxB) <= 0.05 * maxB);
  const directional = inShell.filter((v) => v.diffusion?.direction !== null);
  const shell = directional.length > 0 ? directional : inShell;

  const first = b0[0] as Volume;
  const grid: VoxelGrid = { dimensions: first.dimensions, spacing: first.spacing, origin: first.origin, direction: first.direction };
  for (const v of [...b0, ...shell]) {
    if (!sameGrid(grid, v)) {
      throw new AppError('NOT_A_VOLUME', `The diffusion volumes of this series do not share one voxel grid ("${v.label}" differs), so b=0 and b-high images cannot be compared voxel by voxel.`);
    }
  }
  const warnings: string[] = [];
  // Philips scales each volume for display; ADC is a ratio, so it is right only when the modality
  // LUT of b0 and b-high images is the same (PS3.3 C.11.1.1.2). Different slopes are reported.
  const slopes = new Set([...b0, ...shell].map((v) => v.rescaleSlope));
  if (slopes.size > 1) warnings.push(`The b=0 and b-high images have different Rescale Slopes (${[...slopes].join(', ')}); ADC values may be biased.`);
  if (shell.length === 1 && directional.length === 0) warnings.push('Only the scanner\'s isotropic (trace) image is present at the high b-value; it is used as is.');

  const n = grid.dimensions[0] * grid.dimensions[1] * grid.dimensions[2];
  const s0 = new Float32Array(n);
  for (const v of b0) modalityValues(v, s0, 1 / b0.length);
  const shellData = new Float32Array(n * shell.length);
  shell.forEach((v, index) => modalityValues(v, shellData.subarray(index * n, (index + 1) * n), 1));
  const bValue = shell.reduce((sum, v) => sum + (v.diffusion?.bValue ?? 0), 0) / shell.length;
  return {
    grid,
    s0,
    shell: shellData,
    directions: shell.length,
    bValue,
    b0Values: b0.map((v) => v.diffusion?.bValue ?? 0),
    directional: directional.length > 0,
    warnings,
  };
}
