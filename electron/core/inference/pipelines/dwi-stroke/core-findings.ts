// One `core` finding per kept infarct-core component, in patient coordinates (LPS, mm): volume,
// centre, bounds (voxel extents included), side, approximate location and mean ADC.
import type { Finding } from '../../../../shared/ai-results';
import type { LocalizedText } from '../../../../shared/model-manifest';
import { type VoxelGrid, applyAffine3x4, indexToPatient } from '../conform/voxel-grid';
import { type BrainFrame, locationOf, sideOf } from './brain-location';
import type { CoreComponent } from './infarct-core';

type Vec3 = [number, number, number];

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function describeCoreFindings(
  components: readonly CoreComponent[],
  adc: Float32Array,
  grid: VoxelGrid,
  frame: BrainFrame,
  label: { key: string; value: number; name: LocalizedText },
): Finding[] {
  const m = indexToPatient(grid);
  const [ni, nj] = grid.dimensions;
  // Half a voxel along each patient axis, so bounds enclose the voxels rather than their centres.
  const half = [0, 1, 2].map((a) => 0.5 * grid.direction.reduce((sum, axis, n) => sum + Math.abs(axis[a] as number) * (grid.spacing[n] as number), 0));
  return components.map((component, index) => {
    const count = component.voxels.length;
    const xs = new Float64Array(count);
    const sum: Vec3 = [0, 0, 0];
    const min: Vec3 = [Infinity, Infinity, Infinity];
    const max: Vec3 = [-Infinity, -Infinity, -Infinity];
    let adcSum = 0;
    for (let n = 0; n < count; n++) {
      const v = component.voxels[n] as number;
      const i = v % ni;
      const j = ((v - i) / ni) % nj;
      const k = (v - i - j * ni) / (ni * nj);
      const p = applyAffine3x4(m, [i, j, k]);
      xs[n] = p[0];
      sum[0] += p[0];
      sum[1] += p[1];
      sum[2] += p[2];
      for (const a of [0, 1, 2] as const) {
        min[a] = Math.min(min[a], p[a]);
        max[a] = Math.max(max[a], p[a]);
      }
      adcSum += adc[v] as number;
    }
    const center: Vec3 = [sum[0] / count, sum[1] / count, sum[2] / count];
    const side = sideOf(xs, center[0], frame);
    const where = locationOf(side, center, frame);
    return {
      id: `f${index + 1}`,
      type: 'core',
      label: label.key,
      name: label.name,
      centerLPS: center.map((c) => round(c, 1)) as Vec3,
      boundsLPS: [min.map((c, a) => round(c - (half[a] as number), 1)) as Vec3, max.map((c, a) => round(c + (half[a] as number), 1)) as Vec3],
      volumeMl: round(component.volumeMl, 2),
      meanValue: Math.round(adcSum / count),
      side,
      location: where.location,
      locationName: where.locationName,
      labelValue: label.value,
    } satisfies Finding;
  });
}
