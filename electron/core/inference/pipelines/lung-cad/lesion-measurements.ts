// Measurements of one lesion on the SOURCE grid (full in-plane resolution): the working-grid
// region selects source voxels, which count when they are at or above the growing boundary.
// Long and short axis follow Lung-RADS v2022: measured on the axial image where the lesion is
// largest; the long axis is its greatest diameter, the short axis its greatest extent
// perpendicular to it (caliper widths over directions every 2°, plus one pixel for the
// voxel-centre-to-edge half pixels at each end).
import type { NoduleConsistency } from '../../../../shared/ai-results';
import { type Volume, voxelToPatient } from '../../../volumes/volume';
import type { WorkingGrid } from './working-grid';

type Vec3 = [number, number, number];

export interface SourceLesion {
  /** Source voxel indices. */
  voxels: Int32Array;
  centerLPS: Vec3;
  boundsLPS: [Vec3, Vec3];
  longAxisMm: number;
  shortAxisMm: number;
  volumeMl: number;
  meanHu: number;
  consistency: NoduleConsistency;
}

const ANGLE_STEP_DEG = 2;

export function measureOnSource(
  volume: Volume,
  sourceHu: Float32Array,
  grid: WorkingGrid,
  workingVoxels: Int32Array,
  thresholds: { growHu: number; solidHu: number },
): SourceLesion | null {
  const [ni, nj] = grid.dims;
  const [si, sj] = volume.dimensions;
  const [fi, fj, fk] = grid.factor;
  const picked: number[] = [];
  for (const w of workingVoxels) {
    const i0 = grid.offset[0] + (w % ni) * fi;
    const j0 = grid.offset[1] + (Math.floor(w / ni) % nj) * fj;
    const k0 = grid.offset[2] + Math.floor(w / (ni * nj)) * fk;
    for (let k = k0; k < k0 + fk; k++)
      for (let j = j0; j < j0 + fj; j++)
        for (let i = i0; i < i0 + fi; i++) {
          const v = (k * sj + j) * si + i;
          if ((sourceHu[v] as number) >= thresholds.growHu) picked.push(v);
        }
  }
  if (picked.length === 0) return null;
  const voxels = Int32Array.from(picked);

  const values = new Float32Array(voxels.length);
  const sum: Vec3 = [0, 0, 0];
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  const bySlice = new Map<number, number[]>();
  voxels.forEach((v, n) => {
    values[n] = sourceHu[v] as number;
    const ijk: Vec3 = [v % si, Math.floor(v / si) % sj, Math.floor(v / (si * sj))];
    for (const a of [0, 1, 2] as const) {
      sum[a] += ijk[a];
      lo[a] = Math.min(lo[a], ijk[a]);
      hi[a] = Math.max(hi[a], ijk[a]);
    }
    const list = bySlice.get(ijk[2]) ?? [];
    list.push(ijk[0], ijk[1]);
    bySlice.set(ijk[2], list);
  });
  const m = voxelToPatient(volume);
  const lps = (p: readonly number[]): Vec3 =>
    [0, 1, 2].map((r) => m[r]![0]! * p[0]! + m[r]![1]! * p[1]! + m[r]![2]! * p[2]! + m[r]![3]!) as Vec3;
  const corners = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => lps([c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2]]));
  const boundsLPS: [Vec3, Vec3] = [
    [0, 1, 2].map((a) => Math.min(...corners.map((p) => p[a]!))) as Vec3,
    [0, 1, 2].map((a) => Math.max(...corners.map((p) => p[a]!))) as Vec3,
  ];

  let longAxisMm = 0;
  let shortAxisMm = 0;
  for (const pixels of bySlice.values()) {
    const axes = axialDiameters(pixels, volume.spacing[0], volume.spacing[1]);
    if (axes.long > longAxisMm) ({ long: longAxisMm, short: shortAxisMm } = axes);
  }

  values.sort();
  const quantile = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] as number;
  const meanHu = values.reduce((a, b) => a + b, 0) / values.length;
  const consistency: NoduleConsistency =
    quantile(0.5) >= thresholds.solidHu ? 'solid' : quantile(0.9) < thresholds.solidHu ? 'ground-glass' : 'part-solid';
  const voxelMm3 = volume.spacing[0] * volume.spacing[1] * volume.spacing[2];
  return {
    voxels,
    centerLPS: lps(sum.map((s) => s / voxels.length)),
    boundsLPS,
    longAxisMm,
    shortAxisMm,
    volumeMl: (voxels.length * voxelMm3) / 1000,
    meanHu,
    consistency,
  };
}

/** Caliper diameters of one slice's pixels (flat [i, j, i, j, …]) in mm. */
export function axialDiameters(pixels: readonly number[], spacingI: number, spacingJ: number): { long: number; short: number } {
  const steps = Math.round(180 / ANGLE_STEP_DEG);
  const widths = new Float64Array(steps);
  for (let s = 0; s < steps; s++) {
    const angle = (s * ANGLE_STEP_DEG * Math.PI) / 180;
    const c = Math.cos(angle);
    const d = Math.sin(angle);
    let min = Infinity;
    let max = -Infinity;
    for (let p = 0; p < pixels.length; p += 2) {
      const t = pixels[p]! * spacingI * c + pixels[p + 1]! * spacingJ * d;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    // One pixel's footprint along this direction: its two half pixels at the ends.
    widths[s] = max - min + Math.abs(spacingI * c) + Math.abs(spacingJ * d);
  }
  let best = 0;
  for (let s = 1; s < steps; s++) if (widths[s]! > widths[best]!) best = s;
  return { long: widths[best]!, short: widths[(best + steps / 2) % steps]! };
}
