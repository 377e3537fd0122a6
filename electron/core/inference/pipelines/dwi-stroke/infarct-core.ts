// Infarct core as RAPID defines it on DWI: ADC < 620 × 10⁻⁶ mm²/s inside the brain. The brain
// mask is eroded first so the brain surface (partial volume with CSF and bone, EPI
// susceptibility distortion at the skull base) cannot count; ADC 0 means "not measured" (see
// the graph's signal floor) and is never core; clusters smaller than minComponentMl are noise.
// Two safeguards, measured on the healthy volunteer in ../shared (2 mm isotropic, 12
// directions): its normal white matter has ADC ≈ 645 with a voxel noise SD ≈ 110, so the bare
// threshold called 186 mL of healthy brain "core". (1) The ADC is median-filtered (3×3×3) before
// thresholding, which removes voxel noise without moving lesion edges; (2) the threshold is
// lowered to relativeAdcCore × the brain's own median parenchymal ADC when that is below 620,
// so a scanner or subject whose normal tissue runs low is not read as infarct. Where normal
// parenchyma has the usual ADC (≥ 775 for relativeAdcCore 0.8) the RAPID threshold applies as is.
// (3) A cluster whose mirror image across the mid-sagittal plane has nearly the same ADC (ratio
// ≥ contralateralRatio) is taken as symmetric normal anatomy and reported, not counted as core.
import type { VoxelGrid } from '../conform/voxel-grid';
import { erodeMask } from '../volume-ops/binary-erosion';
import { connectedComponents } from '../volume-ops/connected-components';
import { medianFilter3 } from '../volume-ops/median-filter';
import { contralateralRatio } from './contralateral-ratio';
import { voxelVolumeMl } from '../volume-ops/voxel-volume';

export interface CoreRules {
  adcCore: number;
  relativeAdcCore: number;
  contralateralRatio: number;
  minComponentMl: number;
  maskErosionMm: number;
}

export interface CoreComponent {
  /** Voxel indices (i fastest) of the component on the DWI grid. */
  voxels: Int32Array;
  volumeMl: number;
}

export interface InfarctCore {
  /** 1 = core, on the DWI grid. */
  mask: Uint8Array;
  /** Kept components, largest first. */
  components: CoreComponent[];
  /** The eroded brain mask the threshold was applied in. */
  searchMask: Uint8Array;
  /** The threshold applied: min(adcCore, relativeAdcCore × parenchymaAdc). */
  threshold: number;
  /** Median ADC of the parenchyma in the search mask (0 < ADC < PARENCHYMA_MAX_ADC). */
  parenchymaAdc: number;
  /** Clusters with the same ADC in their mirror image (ratio ≥ contralateralRatio), not counted. */
  symmetric: { count: number; volumeMl: number };
  /** Clusters dropped as smaller than minComponentMl, and their total volume. */
  dropped: { count: number; volumeMl: number };
}

/** ADC above this is CSF or CSF partial volume, not parenchyma (free water ≈ 3000). */
export const PARENCHYMA_MAX_ADC = 1500;

function parenchymaMedian(adc: Float32Array, mask: Uint8Array): number {
  const values: number[] = [];
  for (let v = 0; v < adc.length; v++) {
    const value = adc[v] as number;
    if (mask[v] && value > 0 && value < PARENCHYMA_MAX_ADC) values.push(value);
  }
  if (values.length === 0) return Infinity;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] as number;
}

/** `midlineX`: x (LPS) of the brain's mid-sagittal plane, for the mirror-image comparison. */
export function segmentInfarctCore(adc: Float32Array, brainMask: Uint8Array, grid: VoxelGrid, midlineX: number, rules: CoreRules): InfarctCore {
  const searchMask = erodeMask(brainMask, grid.dimensions, grid.spacing, rules.maskErosionMm);
  const filtered = medianFilter3(adc, grid.dimensions, searchMask);
  const parenchymaAdc = parenchymaMedian(filtered, searchMask);
  const threshold = Math.min(rules.adcCore, rules.relativeAdcCore * parenchymaAdc);
  const candidates = new Uint8Array(adc.length);
  for (let v = 0; v < adc.length; v++) {
    const value = filtered[v] as number;
    if (searchMask[v] && adc[v] !== 0 && value > 0 && value < threshold) candidates[v] = 1;
  }
  const { labels, sizes } = connectedComponents(candidates, grid.dimensions, 26);
  const mlPerVoxel = voxelVolumeMl(grid);
  const keep = sizes.map((size) => size * mlPerVoxel >= rules.minComponentMl);
  const members = sizes.map((size, n) => (keep[n] ? new Int32Array(size) : null));
  const filled = new Int32Array(sizes.length);
  const mask = new Uint8Array(adc.length);
  for (let v = 0; v < labels.length; v++) {
    const label = labels[v] as number;
    if (label === 0) continue;
    const list = members[label - 1];
    if (!list) continue;
    const at = filled[label - 1] as number;
    list[at] = v;
    filled[label - 1] = at + 1;
    mask[v] = 1;
  }
  const sized: CoreComponent[] = [];
  for (const voxels of members) if (voxels) sized.push({ voxels, volumeMl: voxels.length * mlPerVoxel });
  const symmetric = { count: 0, volumeMl: 0 };
  const components = sized
    .filter((component) => {
      const ratio = contralateralRatio(component.voxels, filtered, brainMask, grid, midlineX);
      if (ratio === null || ratio < rules.contralateralRatio) return true;
      symmetric.count++;
      symmetric.volumeMl += component.volumeMl;
      for (const v of component.voxels) mask[v] = 0;
      return false;
    })
    .sort((a, b) => b.volumeMl - a.volumeMl);
  const droppedSizes = sizes.filter((_, n) => !keep[n]);
  return {
    mask,
    components,
    searchMask,
    threshold,
    parenchymaAdc,
    symmetric,
    dropped: { count: droppedSizes.length, volumeMl: droppedSizes.reduce((a, b) => a + b, 0) * mlPerVoxel },
  };
}
