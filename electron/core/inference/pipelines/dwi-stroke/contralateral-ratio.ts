// Relative ADC against the mirror-image region (rADC): a reader confirms restricted diffusion by
// comparing with the other hemisphere, and a low-ADC cluster whose mirror image has the same
// ADC is usually normal anatomy (deep grey matter, symmetric white-matter tracts), not infarct.
// The mirror is taken across the brain mask's mid-sagittal plane x = midlineX (DICOM LPS); a
// rotated head makes this approximate, which the median over the whole cluster tolerates.
import { type VoxelGrid, applyAffine3x4, indexToPatient, patientToIndex } from '../conform/voxel-grid';

/**
 * Median ADC of the cluster divided by the median ADC of its mirror image (brain voxels with a
 * measured ADC only), or null when fewer than half of the mirrored voxels land in the brain.
 */
export function contralateralRatio(voxels: Int32Array, adc: Float32Array, brainMask: Uint8Array, grid: VoxelGrid, midlineX: number): number | null {
  const toPatient = indexToPatient(grid);
  const toIndex = patientToIndex(grid);
  const [ni, nj, nk] = grid.dimensions;
  const own: number[] = [];
  const mirrored: number[] = [];
  for (const v of voxels) {
    const i = v % ni;
    const j = ((v - i) / ni) % nj;
    const k = (v - i - j * ni) / (ni * nj);
    own.push(adc[v] as number);
    const p = applyAffine3x4(toPatient, [i, j, k]);
    const [mi, mj, mk] = applyAffine3x4(toIndex, [2 * midlineX - p[0], p[1], p[2]]).map(Math.round) as [number, number, number];
    if (mi < 0 || mj < 0 || mk < 0 || mi >= ni || mj >= nj || mk >= nk) continue;
    const m = (mk * nj + mj) * ni + mi;
    const value = adc[m] as number;
    if (brainMask[m] && value > 0) mirrored.push(value);
  }
  if (mirrored.length < voxels.length / 2) return null;
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return median(own) / median(mirrored);
}
