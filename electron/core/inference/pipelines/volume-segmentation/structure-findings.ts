// One `structure` finding per label present on the source grid, and the volumetry table:
// volume in mL (|det| of the voxel matrix, so oblique grids measure right), centre and bounds
// in LPS, and the side. The published brain models merge left and right (e.g. one
// "Hippocampus" label), so each structure's voxels are split at the brain's mid-sagittal plane
// (x of the centroid of all labelled voxels; LPS x grows towards the patient's left) and the
// table gives left and right volumes too. Uncertainty comes from the flip test (volume-
// segmentation-pipeline.ts): 1 − Dice between the two predictions of that label.
import type { AnalysisMeasurement, Finding, Side } from '../../../../shared/ai-results';
import type { ModelLabel } from '../../../../shared/model-manifest';
import { applyAffine3x4, indexToPatient, type VoxelGrid } from '../conform/voxel-grid';
import { voxelVolumeMl } from '../volume-ops/voxel-volume';
import type { LabelArray } from './label-volume';

/** Voxels within this distance (mm) of the mid-plane count as midline. */
const MIDLINE_MM = 8;

interface Tally {
  count: number;
  left: number;
  nearMidline: number;
  sum: [number, number, number];
  min: [number, number, number];
  max: [number, number, number];
}

export interface StructureTable {
  findings: Finding[];
  measurements: AnalysisMeasurement[];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function structureFindings(
  labels: LabelArray,
  grid: VoxelGrid,
  modelLabels: readonly ModelLabel[],
  uncertainty: ReadonlyMap<number, number>,
  uncertaintyThreshold: number | undefined,
): StructureTable {
  const [ni, nj, nk] = grid.dimensions;
  const m = indexToPatient(grid);
  // Pass 1: the mid-sagittal plane (x of the centroid of every labelled voxel).
  let sumX = 0;
  let labelled = 0;
  for (let k = 0, o = 0; k < nk; k++) for (let j = 0; j < nj; j++) for (let i = 0; i < ni; i++, o++) {
    if (labels[o] === 0) continue;
    sumX += applyAffine3x4(m, [i, j, k])[0];
    labelled++;
  }
  const midlineX = labelled ? sumX / labelled : 0;
  const tallies = new Map<number, Tally>();
  for (let k = 0, o = 0; k < nk; k++) for (let j = 0; j < nj; j++) for (let i = 0; i < ni; i++, o++) {
    const label = labels[o] as number;
    if (label === 0) continue;
    const p = applyAffine3x4(m, [i, j, k]);
    let t = tallies.get(label);
    if (!t) {
      t = { count: 0, left: 0, nearMidline: 0, sum: [0, 0, 0], min: [Infinity, Infinity, Infinity], max: [-Infinity, -Infinity, -Infinity] };
      tallies.set(label, t);
    }
    t.count++;
    if (p[0] > midlineX) t.left++;
    if (Math.abs(p[0] - midlineX) <= MIDLINE_MM) t.nearMidline++;
    for (const r of [0, 1, 2] as const) {
      t.sum[r] += p[r];
      if (p[r] < t.min[r]) t.min[r] = p[r];
      if (p[r] > t.max[r]) t.max[r] = p[r];
    }
  }
  const ml = voxelVolumeMl(grid);
  const findings: Finding[] = [];
  const measurements: AnalysisMeasurement[] = [];
  let total = 0;
  for (const label of [...modelLabels].sort((a, b) => a.index - b.index)) {
    const t = tallies.get(label.index);
    if (!t || label.hidden || label.index === 0) continue;
    const volumeMl = t.count * ml;
    total += volumeMl;
    const side = sideOf(t);
    const u = uncertainty.get(label.index);
    findings.push({
      id: `f${findings.length + 1}`,
      type: 'structure',
      label: label.key,
      name: label.name,
      ...(u === undefined ? {} : { uncertainty: round(u, 4), lowConfidence: uncertaintyThreshold !== undefined && u > uncertaintyThreshold }),
      centerLPS: t.sum.map((s) => round(s / t.count, 2)) as [number, number, number],
      boundsLPS: [t.min.map((x) => round(x, 2)) as [number, number, number], t.max.map((x) => round(x, 2)) as [number, number, number]],
      volumeMl: round(volumeMl, 3),
      side,
      labelValue: label.index,
    });
    measurements.push({ name: label.key, value: round(volumeMl, 3), unit: 'mL', label: label.name });
    if (side === 'bilateral') {
      measurements.push({
        name: `${label.key}.left`,
        value: round(t.left * ml, 3),
        unit: 'mL',
        label: { en: `${label.name.en} (left)`, 'zh-CN': `${label.name['zh-CN']}（左）` },
      });
      measurements.push({
        name: `${label.key}.right`,
        value: round((t.count - t.left) * ml, 3),
        unit: 'mL',
        label: { en: `${label.name.en} (right)`, 'zh-CN': `${label.name['zh-CN']}（右）` },
      });
    }
  }
  measurements.push({ name: 'total', value: round(total, 3), unit: 'mL', label: { en: 'Total segmented volume', 'zh-CN': '分割总体积' } });
  return { findings, measurements };
}

function sideOf(t: Tally): Side {
  if (t.nearMidline >= 0.5 * t.count) return 'midline';
  const leftFraction = t.left / t.count;
  if (leftFraction >= 0.8) return 'left';
  if (leftFraction <= 0.2) return 'right';
  return 'bilateral';
}
