// Runs the reference converter (dcm2niix, Debian package) on a folder and reads what it wrote.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type NiftiImage, decodeNifti } from '../../../../electron/core/nifti/nifti-reader';
import { applyAffine, type Matrix4 } from '../../../../electron/core/nifti/nifti-affine';

export const DCM2NIIX = '/usr/bin/dcm2niix';
export const HAS_DCM2NIIX = existsSync(DCM2NIIX);

export interface Dcm2niixOutput {
  /** File name (without folder) → image. */
  images: Map<string, NiftiImage>;
  bval: number[] | null;
  /** Three rows (x, y, z), one column per volume. */
  bvec: number[][] | null;
}

export function runDcm2niix(inputDir: string, outDir: string): Dcm2niixOutput {
  execFileSync(DCM2NIIX, ['-z', 'n', '-f', 'out', '-o', outDir, inputDir], { stdio: 'pipe' });
  const images = new Map<string, NiftiImage>();
  for (const name of readdirSync(outDir).filter((f) => f.endsWith('.nii'))) {
    images.set(name, decodeNifti(new Uint8Array(readFileSync(path.join(outDir, name)))));
  }
  const bvalFile = readdirSync(outDir).find((f) => f.endsWith('.bval'));
  const bval = bvalFile ? readFileSync(path.join(outDir, bvalFile), 'utf8').trim().split(/\s+/).map(Number) : null;
  const bvecFile = readdirSync(outDir).find((f) => f.endsWith('.bvec'));
  const bvec = bvecFile ? readFileSync(path.join(outDir, bvecFile), 'utf8').trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number)) : null;
  return { images, bval, bvec };
}

/** Largest distance (mm) between where two affines put the corners of a grid. */
export function cornerDeviation(a: Matrix4, b: Matrix4, dims: readonly number[]): number {
  let worst = 0;
  for (const i of [0, (dims[0] ?? 1) - 1])
    for (const j of [0, (dims[1] ?? 1) - 1])
      for (const k of [0, (dims[2] ?? 1) - 1]) {
        const p = applyAffine(a, i, j, k);
        const q = applyAffine(b, i, j, k);
        worst = Math.max(worst, Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
      }
  return worst;
}

/** Compares stored values voxel by voxel; returns the count that differ by more than `tolerance`, and the largest difference. */
export function compareVoxels(a: ArrayLike<number>, b: ArrayLike<number>, tolerance = 0): { differing: number; maxDifference: number } {
  let differing = 0;
  let maxDifference = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    if (d > maxDifference) maxDifference = d;
    if (d > tolerance) differing++;
  }
  return { differing, maxDifference };
}
