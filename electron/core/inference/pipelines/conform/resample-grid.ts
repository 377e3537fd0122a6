// Resamples values from one voxel grid onto another through patient space: trilinear for
// intensities (conform, FreeSurfer's default), nearest for labels (mapping a segmentation back
// to the source series). Points outside the source get `fill` (FreeSurfer pads with 0). The
// source index of each target voxel is stepped incrementally along i, so a 256³ target costs a
// few multiply-adds per voxel.
import { indexToIndex, type VoxelGrid, voxelCount } from './voxel-grid';

type Numeric = ArrayLike<number>;

export interface ResampleOptions {
  interpolation: 'linear' | 'nearest';
  fill?: number;
  /** Applied to every source value before interpolation (the DICOM modality LUT: value·slope + intercept). */
  slope?: number;
  intercept?: number;
}

/** `out` (typed like the caller wants it) receives the target voxels, i fastest. */
export function resampleInto<T extends { [index: number]: number; length: number }>(
  source: { grid: VoxelGrid; voxels: Numeric },
  target: VoxelGrid,
  out: T,
  options: ResampleOptions,
): T {
  const [si, sj, sk] = source.grid.dimensions;
  const [ti, tj, tk] = target.dimensions;
  if (out.length !== voxelCount(target)) throw new RangeError('output array does not match the target grid');
  const m = indexToIndex(target, source.grid);
  const [r0, r1, r2] = m as unknown as [number[], number[], number[]];
  const fill = options.fill ?? 0;
  const slope = options.slope ?? 1;
  const intercept = options.intercept ?? 0;
  const v = source.voxels;
  const plane = si * sj;
  // Tolerance so an index that should be an exact integer but is off by rounding still hits it.
  const eps = 1e-6;
  let o = 0;
  for (let k = 0; k < tk; k++) {
    for (let j = 0; j < tj; j++) {
      let x = (r0[1] as number) * j + (r0[2] as number) * k + (r0[3] as number);
      let y = (r1[1] as number) * j + (r1[2] as number) * k + (r1[3] as number);
      let z = (r2[1] as number) * j + (r2[2] as number) * k + (r2[3] as number);
      const dx = r0[0] as number;
      const dy = r1[0] as number;
      const dz = r2[0] as number;
      for (let i = 0; i < ti; i++, o++, x += dx, y += dy, z += dz) {
        if (options.interpolation === 'nearest') {
          const a = Math.round(x);
          const b = Math.round(y);
          const c = Math.round(z);
          out[o] = a < 0 || b < 0 || c < 0 || a >= si || b >= sj || c >= sk ? fill : (v[c * plane + b * si + a] as number) * slope + intercept;
          continue;
        }
        if (x < -eps || y < -eps || z < -eps || x > si - 1 + eps || y > sj - 1 + eps || z > sk - 1 + eps) {
          out[o] = fill;
          continue;
        }
        const xc = Math.min(Math.max(x, 0), si - 1);
        const yc = Math.min(Math.max(y, 0), sj - 1);
        const zc = Math.min(Math.max(z, 0), sk - 1);
        let a = Math.floor(xc);
        let b = Math.floor(yc);
        let c = Math.floor(zc);
        let fx = xc - a;
        let fy = yc - b;
        let fz = zc - c;
        if (fx > 1 - eps) { a += 1; fx = 0; } else if (fx < eps) fx = 0;
        if (fy > 1 - eps) { b += 1; fy = 0; } else if (fy < eps) fy = 0;
        if (fz > 1 - eps) { c += 1; fz = 0; } else if (fz < eps) fz = 0;
        const a1 = Math.min(a + 1, si - 1);
        const b1 = Math.min(b + 1, sj - 1);
        const c1 = Math.min(c + 1, sk - 1);
        const p00 = c * plane + b * si;
        const p01 = c * plane + b1 * si;
        const p10 = c1 * plane + b * si;
        const p11 = c1 * plane + b1 * si;
        const l00 = (v[p00 + a] as number) + fx * ((v[p00 + a1] as number) - (v[p00 + a] as number));
        const l01 = (v[p01 + a] as number) + fx * ((v[p01 + a1] as number) - (v[p01 + a] as number));
        const l10 = (v[p10 + a] as number) + fx * ((v[p10 + a1] as number) - (v[p10 + a] as number));
        const l11 = (v[p11 + a] as number) + fx * ((v[p11 + a1] as number) - (v[p11 + a] as number));
        const l0 = l00 + fy * (l01 - l00);
        const l1 = l10 + fy * (l11 - l10);
        out[o] = (l0 + fz * (l1 - l0)) * slope + intercept;
      }
    }
  }
  return out;
}
