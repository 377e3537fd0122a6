// Side and approximate location of a finding from the brain mask alone (no atlas is shipped):
// side from the patient x coordinate (DICOM LPS: +x is the patient's left, PS3.3 C.7.6.2.1.1)
// relative to the mask's mid-sagittal plane, location from the finding's position inside the
// mask's bounding box. These are coarse approximations and are named so in both languages.
import type { Side } from '../../../../shared/ai-results';
import type { LocalizedText } from '../../../../shared/model-manifest';
import { type VoxelGrid, applyAffine3x4, indexToPatient } from '../conform/voxel-grid';

export interface BrainFrame {
  /** x (LPS) of the mid-sagittal plane: the mean x of the brain mask's voxels. */
  midlineX: number;
  min: [number, number, number];
  max: [number, number, number];
  /** Superior–inferior extent of the mask in mm; under ~100 mm the series does not cover the whole brain. */
  coverageMm: number;
}

export const FULL_BRAIN_COVERAGE_MM = 100;

export function brainFrame(mask: Uint8Array, grid: VoxelGrid): BrainFrame | null {
  const m = indexToPatient(grid);
  const [ni, nj, nk] = grid.dimensions;
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  let sumX = 0;
  let count = 0;
  for (let k = 0, v = 0; k < nk; k++)
    for (let j = 0; j < nj; j++)
      for (let i = 0; i < ni; i++, v++) {
        if (!mask[v]) continue;
        const p = applyAffine3x4(m, [i, j, k]);
        for (let a = 0; a < 3; a++) {
          min[a] = Math.min(min[a] as number, p[a] as number);
          max[a] = Math.max(max[a] as number, p[a] as number);
        }
        sumX += p[0];
        count++;
      }
  if (count === 0) return null;
  return { midlineX: sumX / count, min, max, coverageMm: max[2] - min[2] };
}

/**
 * "left"/"right" by the side of the mid-plane that holds most of the finding; "midline" when it
 * straddles the plane (at least a fifth on each side) with its centre within 5 mm of it.
 */
export function sideOf(pointsX: ArrayLike<number>, centerX: number, frame: BrainFrame): Side {
  let left = 0;
  for (let n = 0; n < pointsX.length; n++) if ((pointsX[n] as number) > frame.midlineX) left++;
  const leftFraction = pointsX.length ? left / pointsX.length : 0;
  if (leftFraction >= 0.2 && leftFraction <= 0.8 && Math.abs(centerX - frame.midlineX) <= 5) return 'midline';
  return centerX > frame.midlineX ? 'left' : 'right';
}

type Region = 'frontal' | 'parietal' | 'temporal' | 'occipital' | 'deep' | 'posterior-fossa';

const REGION_NAMES: Record<Region, LocalizedText> = {
  frontal: { en: 'frontal region', 'zh-CN': '额叶区' },
  parietal: { en: 'parietal region', 'zh-CN': '顶叶区' },
  temporal: { en: 'temporal region', 'zh-CN': '颞叶区' },
  occipital: { en: 'occipital region', 'zh-CN': '枕叶区' },
  deep: { en: 'deep (basal ganglia / internal capsule) region', 'zh-CN': '深部（基底节 / 内囊）区' },
  'posterior-fossa': { en: 'posterior fossa (cerebellum / brainstem)', 'zh-CN': '后颅窝（小脑 / 脑干）' },
};

const SIDE_NAMES: Record<Side, LocalizedText> = {
  left: { en: 'Left', 'zh-CN': '左侧' },
  right: { en: 'Right', 'zh-CN': '右侧' },
  midline: { en: 'Midline', 'zh-CN': '中线' },
  bilateral: { en: 'Bilateral', 'zh-CN': '双侧' },
};

/**
 * Region from fractions of the bounding box: anterior-posterior (LPS +y is posterior) splits
 * frontal / parietal–temporal / occipital at 40 % and 70 %; near the midline at mid height is
 * "deep"; the lowest quarter behind the middle is the posterior fossa, and low lateral middle is
 * temporal. Height-based regions are used only when the series covers the whole brain.
 */
export function regionOf(center: readonly [number, number, number], frame: BrainFrame): Region {
  const span = (a: 0 | 1 | 2) => Math.max(1e-6, frame.max[a] - frame.min[a]);
  const fy = (center[1] - frame.min[1]) / span(1);
  const fz = (center[2] - frame.min[2]) / span(2);
  const halfWidth = Math.max(frame.max[0] - frame.midlineX, frame.midlineX - frame.min[0], 1e-6);
  const lateral = Math.abs(center[0] - frame.midlineX) / halfWidth;
  const wholeBrain = frame.coverageMm >= FULL_BRAIN_COVERAGE_MM;
  if (wholeBrain && fz < 0.25 && fy > 0.55) return 'posterior-fossa';
  if (lateral < 0.35 && fy > 0.3 && fy < 0.65 && (!wholeBrain || (fz > 0.3 && fz < 0.65))) return 'deep';
  if (fy < 0.4) return 'frontal';
  if (fy > 0.7) return 'occipital';
  if (wholeBrain && fz < 0.45 && lateral > 0.5) return 'temporal';
  return 'parietal';
}

export function locationOf(side: Side, center: readonly [number, number, number], frame: BrainFrame): { location: string; locationName: LocalizedText } {
  const region = regionOf(center, frame);
  const sideName = SIDE_NAMES[side];
  const regionName = REGION_NAMES[region];
  return {
    location: `${side} ${region}`,
    locationName: {
      en: `${sideName.en} ${regionName.en} (approximate)`,
      'zh-CN': `${sideName['zh-CN']}${regionName['zh-CN']}（近似）`,
    },
  };
}
