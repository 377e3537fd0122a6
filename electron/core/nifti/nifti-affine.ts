// The voxel-to-world transform of an exported NIfTI, in dcm2niix's convention so the two
// compare directly: world is RAS (NIfTI-1 sform: x = Left→Right, y = Posterior→Anterior,
// z = Inferior→Superior; DICOM LPS with x and y negated), and the array's j axis runs from
// the last DICOM row to the first (dcm2niix flips rows so that, for an axial slice, j
// increases anteriorly). NIfTI voxel (i, j, k) is volume voxel (i, rows-1-j, k).
import type { Vec3 } from '../volumes/vector-math';
import type { Volume } from '../volumes/volume';

export type Matrix4 = number[][];

export function niftiAffine(volume: Pick<Volume, 'origin' | 'direction' | 'spacing' | 'dimensions'>): Matrix4 {
  const [di, dj, dk] = volume.direction;
  const [si, sj, sk] = volume.spacing;
  const rows = volume.dimensions[1];
  const toRas = (v: Vec3): Vec3 => [-v[0], -v[1], v[2]];
  const ci = toRas([di[0] * si, di[1] * si, di[2] * si]);
  const cj = toRas([-dj[0] * sj, -dj[1] * sj, -dj[2] * sj]);
  const ck = toRas([dk[0] * sk, dk[1] * sk, dk[2] * sk]);
  const lastRow = (rows - 1) * sj;
  const t = toRas([volume.origin[0] + dj[0] * lastRow, volume.origin[1] + dj[1] * lastRow, volume.origin[2] + dj[2] * lastRow]);
  return [0, 1, 2].map((r) => [ci[r] as number, cj[r] as number, ck[r] as number, t[r] as number]).concat([[0, 0, 0, 1]]);
}

/** World position of voxel (i, j, k) under a 4×4 (or 3×4) affine. */
export function applyAffine(m: Matrix4, i: number, j: number, k: number): Vec3 {
  const row = (r: number) => {
    const a = m[r] as number[];
    return (a[0] as number) * i + (a[1] as number) * j + (a[2] as number) * k + (a[3] as number);
  };
  return [row(0), row(1), row(2)];
}

/** NIfTI-1 quaternion of the rotation part (nifti1_io's mat44_to_quatern); qfac = -1 for a left-handed grid. */
export function affineToQuaternion(m: Matrix4): { b: number; c: number; d: number; qfac: 1 | -1 } {
  const col = (c: number): Vec3 => {
    const v: Vec3 = [m[0]?.[c] ?? 0, m[1]?.[c] ?? 0, m[2]?.[c] ?? 0];
    const n = Math.hypot(...v) || 1;
    return [v[0] / n, v[1] / n, v[2] / n];
  };
  const x = col(0);
  const y = col(1);
  let z = col(2);
  const det = x[0] * (y[1] * z[2] - y[2] * z[1]) - y[0] * (x[1] * z[2] - x[2] * z[1]) + z[0] * (x[1] * y[2] - x[2] * y[1]);
  const qfac: 1 | -1 = det < 0 ? -1 : 1;
  if (qfac < 0) z = [-z[0], -z[1], -z[2]];
  const [r11, r21, r31] = x;
  const [r12, r22, r32] = y;
  const [r13, r23, r33] = z;
  let a = r11 + r22 + r33 + 1;
  let b: number;
  let c: number;
  let d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (r32 - r23)) / a;
    c = (0.25 * (r13 - r31)) / a;
    d = (0.25 * (r21 - r12)) / a;
  } else {
    const xd = 1 + r11 - (r22 + r33);
    const yd = 1 + r22 - (r11 + r33);
    const zd = 1 + r33 - (r11 + r22);
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (r12 + r21)) / b;
      d = (0.25 * (r13 + r31)) / b;
      a = (0.25 * (r32 - r23)) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (r12 + r21)) / c;
      d = (0.25 * (r23 + r32)) / c;
      a = (0.25 * (r13 - r31)) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (r13 + r31)) / d;
      c = (0.25 * (r23 + r32)) / d;
      a = (0.25 * (r21 - r12)) / d;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
  }
  return { b, c, d, qfac };
}

/** Rotation × scaling of a NIfTI qform (nifti1_io's quatern_to_mat44). */
export function quaternionToAffine(
  q: { b: number; c: number; d: number; qfac: number },
  pixdim: readonly [number, number, number],
  offset: Vec3,
): Matrix4 {
  const { b, c, d } = q;
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
  const [dx, dy, dzRaw] = pixdim;
  const dz = q.qfac < 0 ? -dzRaw : dzRaw;
  return [
    [(a * a + b * b - c * c - d * d) * dx, 2 * (b * c - a * d) * dy, 2 * (b * d + a * c) * dz, offset[0]],
    [2 * (b * c + a * d) * dx, (a * a + c * c - b * b - d * d) * dy, 2 * (c * d - a * b) * dz, offset[1]],
    [2 * (b * d - a * c) * dx, 2 * (c * d + a * b) * dy, (a * a + d * d - c * c - b * b) * dz, offset[2]],
    [0, 0, 0, 1],
  ];
}
