// Angle and planar ROI (ellipse, rectangle) measurements computed in DICOM patient space (LPS,
// mm), independent of zoom, flip or MPR orientation. Pure functions over a plain voxel array so
// they are unit-testable in Node and give the same numbers for stored and reloaded measurements.
import { type Vec3, add, cross, dot, length, normalize, scale, sub } from './vec3';

export interface RoiVolume {
  /** [columns, rows, slices]; i fastest. */
  dimensions: readonly [number, number, number];
  spacing: readonly [number, number, number];
  /** Centre of voxel (0,0,0), LPS mm. */
  origin: Vec3;
  /** Unit vectors of i, j, k in LPS, row-major (orthonormal, as the volume assembler produces). */
  direction: readonly number[];
  /** Modality LUT (PS3.3 C.11.1): value = stored × slope + intercept (HU for CT). */
  rescale: { slope: number; intercept: number };
  voxels: ArrayLike<number>;
}

/** A planar ROI as stored: its centre and the ends of its two in-plane semi-axes (LPS mm). */
export interface PlanarRoi {
  kind: 'ellipse' | 'rectangle';
  center: Vec3;
  axisUEnd: Vec3;
  axisVEnd: Vec3;
}

export interface RoiStatistics {
  areaMm2: number;
  /** Voxels whose centres lie inside the ROI on the slice it was drawn on. */
  count: number;
  mean: number;
  /** Population standard deviation (divides by N), as most viewers report it. */
  sd: number;
  min: number;
  max: number;
}

/** The angle at `vertex` between the rays to `a` and `b`, in degrees; null when a ray has no length. */
export function angleDegrees(a: Vec3, vertex: Vec3, b: Vec3): number | null {
  const u = sub(a, vertex);
  const v = sub(b, vertex);
  const lu = length(u);
  const lv = length(v);
  if (lu === 0 || lv === 0) return null;
  // atan2 of |u×v| and u·v stays accurate near 0° and 180°, where acos loses precision.
  return (Math.atan2(length(cross(u, v)), dot(u, v)) * 180) / Math.PI;
}

/** A rectangle dragged from corner `a` to corner `b` on a view whose screen axes are `right` and `up`. */
export function rectangleFromCorners(a: Vec3, b: Vec3, right: Vec3, up: Vec3): PlanarRoi {
  const center = scale(add(a, b), 0.5);
  const diagonal = sub(b, a);
  return {
    kind: 'rectangle',
    center,
    axisUEnd: add(center, scale(right, dot(diagonal, right) / 2)),
    axisVEnd: add(center, scale(up, dot(diagonal, up) / 2)),
  };
}

/** Area in mm² from the semi-axes: π·a·b for an ellipse, (2a)·(2b) for a rectangle. */
export function roiAreaMm2(roi: PlanarRoi): number {
  const a = length(sub(roi.axisUEnd, roi.center));
  const b = length(sub(roi.axisVEnd, roi.center));
  return roi.kind === 'ellipse' ? Math.PI * a * b : 4 * a * b;
}

const EPS = 1e-6;

/**
 * Statistics of the modality values of the voxels inside the ROI. A voxel counts when its centre
 * projects inside the ROI and lies within half a voxel (measured along the plane normal) of the
 * plane: on a native slice that is exactly that slice, on an oblique MPR the one-voxel slab the
 * view samples. Null when no voxel centre falls inside (ROI smaller than a voxel, or outside).
 */
export function roiStatistics(volume: RoiVolume, roi: PlanarRoi): RoiStatistics | null {
  const uVec = sub(roi.axisUEnd, roi.center);
  const vVec = sub(roi.axisVEnd, roi.center);
  const a = length(uVec);
  const b = length(vVec);
  if (a === 0 || b === 0) return null;
  const u = scale(uVec, 1 / a);
  const v = scale(vVec, 1 / b);
  const n = normalize(cross(u, v));
  const axes: Vec3[] = [0, 1, 2].map((r) => [volume.direction[r * 3]!, volume.direction[r * 3 + 1]!, volume.direction[r * 3 + 2]!]);
  const [nx, ny, nz] = volume.dimensions;
  const halfSlab = 0.5 * axes.reduce((sum, axis, r) => sum + Math.abs(dot(axis, n)) * volume.spacing[r]!, 0);

  // Index-space bounding box of the ROI's box (corners ± half slab), clamped to the volume.
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const su of [-1, 1]) {
    for (const sv of [-1, 1]) {
      for (const sn of [-1, 1]) {
        const corner = add(add(add(roi.center, scale(u, su * a)), scale(v, sv * b)), scale(n, sn * halfSlab));
        const rel = sub(corner, volume.origin);
        for (let r = 0; r < 3; r++) {
          const index = dot(rel, axes[r]!) / volume.spacing[r]!;
          lo[r] = Math.min(lo[r]!, index);
          hi[r] = Math.max(hi[r]!, index);
        }
      }
    }
  }
  const range = (r: number, size: number) => [Math.max(0, Math.ceil(lo[r]! - EPS)), Math.min(size - 1, Math.floor(hi[r]! + EPS))];
  const [i0, i1] = range(0, nx);
  const [j0, j1] = range(1, ny);
  const [k0, k1] = range(2, nz);

  let count = 0;
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  const { slope, intercept } = volume.rescale;
  for (let k = k0!; k <= k1!; k++) {
    for (let j = j0!; j <= j1!; j++) {
      for (let i = i0!; i <= i1!; i++) {
        const p = add(
          volume.origin,
          add(add(scale(axes[0]!, i * volume.spacing[0]), scale(axes[1]!, j * volume.spacing[1])), scale(axes[2]!, k * volume.spacing[2])),
        );
        const rel = sub(p, roi.center);
        const d = dot(rel, n);
        // Half-open slab: a plane exactly between two slices takes one of them, not both.
        if (d < -halfSlab - EPS || d >= halfSlab - EPS) continue;
        const pu = dot(rel, u) / a;
        const pv = dot(rel, v) / b;
        const inside = roi.kind === 'ellipse' ? pu * pu + pv * pv <= 1 + EPS : Math.abs(pu) <= 1 + EPS && Math.abs(pv) <= 1 + EPS;
        if (!inside) continue;
        const value = volume.voxels[i + nx * (j + ny * k)]! * slope + intercept;
        count++;
        sum += value;
        sumSq += value * value;
        if (value < min) min = value;
        if (value > max) max = value;
      }
    }
  }
  if (count === 0) return null;
  const mean = sum / count;
  const variance = Math.max(0, sumSq / count - mean * mean);
  return { areaMm2: roiAreaMm2(roi), count, mean, sd: Math.sqrt(variance), min, max };
}

/** "123.4 mm²" below 1 cm², else "12.35 cm²". */
export function formatArea(mm2: number): string {
  return mm2 >= 100 ? `${(mm2 / 100).toFixed(2)} cm²` : `${mm2.toFixed(1)} mm²`;
}

export function formatAngle(degrees: number): string {
  return `${degrees.toFixed(1)}°`;
}
